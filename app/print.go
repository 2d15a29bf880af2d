package app

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"hoso/dossier"
	"hoso/print"
	"hoso/store"
)

// verifyPrefix starts the text of every printed QR code:
//
//	HSVF1|<office>|<subject>|<count>|<hash>
//
// the office, what was printed (a record, "dossier/CODE", or a set of
// records, "book/OFFICE/FROM/TO"), how many events or records it was
// printed from, and the first 128 bits (hex) of SHA-256 over them.
// Records.Verify checks it against this node's records.
const verifyPrefix = "HSVF1"

// Print renders the legal forms as PDF.
type Print struct {
	core *Core
	now  func() time.Time

	once     sync.Once
	renderer *print.Renderer
	err      error
}

// NewPrint returns the Print service; the fonts are read on first use.
func NewPrint(core *Core, now func() time.Time) *Print {
	if now == nil {
		now = time.Now
	}
	return &Print{core: core, now: now}
}

// FormRequest names a paper and the dossier it is printed for.
type FormRequest struct {
	// Form is the paper: a document kind ("receipt", "supplement",
	// "refusal", "refusal_notice", "apology", "stop", "control") or, as
	// before the 2025 form set, a number of Circular 01/2018 ("01"–"05").
	Form string `json:"form"`
	Code string `json:"code"`
	// Intake names an incomplete intake instead of a dossier: its Form 02,
	// which has no code.
	Intake string `json:"intake"`
	// Copies is how many copies the file holds, each from a new page; 0 is
	// the office's setting for receipts and intake papers, 1 otherwise.
	Copies int `json:"copies"`
}

// FormReply is a printed form, base64-encoded.
type FormReply struct {
	Filename string `json:"filename"`
	Mime     string `json:"mime"`
	Content  string `json:"content"`
	// Reprint counts the earlier prints of this document on this node.
	Reprint int `json:"reprint"`
	// Verify is the text of the document's QR code.
	Verify string `json:"verify"`
	// Template is the version of the template the form was printed with.
	Template string `json:"template"`
	// Set is the form set the paper belongs to ("TT03/2025"), and Form
	// its number there ("01"; "" for a paper outside the annex).
	Set  string `json:"set"`
	Form string `json:"form"`
}

// eventsHash is the hash of the first n events of a subject in fold order:
// what a printed document was made from, so an inspector can check it
// still matches the records.
func eventsHash(evs []*store.Event, n int) string {
	h := sha256.New()
	for _, e := range evs[:n] {
		id := e.ID()
		h.Write(id[:])
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// paperSlugs name the file of each paper.
var paperSlugs = map[string]string{
	print.DocReceipt: "tiep-nhan", print.DocSupplement: "bo-sung", print.DocRefusal: "tu-choi",
	print.DocRefusalNotice: "thong-bao-tu-choi", print.DocApology: "xin-loi", print.DocStop: "dung-giai-quyet",
	print.DocControl: "kiem-soat",
}

// printLogForms keeps the print log's keys of the papers printed before
// form sets, which were keyed by their 2018 number, so a reprint still
// counts the prints made before.
var printLogForms = map[string]string{
	print.DocReceipt: "01", print.DocSupplement: "02", print.DocRefusal: "03", print.DocApology: "04", print.DocControl: "05",
}

// paperDoc reads the paper a request names: a document kind, or a form
// number of Circular 01/2018 as before form sets.
func paperDoc(form string) (string, error) {
	form = strings.TrimSpace(form)
	if _, ok := paperSlugs[form]; ok {
		return form, nil
	}
	if doc := print.LegacyDoc(form); doc != "" && doc != print.DocBook {
		return doc, nil
	}
	return "", FieldError("form", "%q is not a paper printed for a dossier: receipt, supplement, refusal, refusal_notice, apology, stop or control", form)
}

// refusalPaper is the paper that records a dossier's refusal, chosen by
// where it happened: at the desk (not accepted) the desk's refusal form,
// signed by the applicant and the clerk; after appraisal the competent
// agency's notice, signed by its leader. Any other dossier keeps doc, and
// the renderer says it has nothing to print on it.
func refusalPaper(ds dossier.Dossier, doc string) string {
	if doc != print.DocRefusal && doc != print.DocRefusalNotice || ds.Result == nil {
		return doc
	}
	switch ds.Result.Kind {
	case dossier.ResultNotAccepted:
		return print.DocRefusal
	case dossier.ResultRefused:
		return print.DocRefusalNotice
	}
	return doc
}

// paperDate is the day a paper records, the day its header is read for:
// a district abolished since does not head a reprint of a paper it
// issued, nor is a new paper headed by it.
func paperDate(ds dossier.Dossier, doc string) time.Time {
	switch {
	case doc == print.DocSupplement && len(ds.Supplements) > 0:
		return ds.Supplements[len(ds.Supplements)-1].At
	case (doc == print.DocRefusal || doc == print.DocRefusalNotice || doc == print.DocStop) && ds.Result != nil:
		return ds.Result.At
	case doc == print.DocApology && len(ds.Deadlines) > 0:
		return ds.Deadlines[len(ds.Deadlines)-1].At
	}
	return ds.ReceivedAt
}

// renderer returns the renderer, reading the fonts on first use.
func (p *Print) loadRenderer() (*print.Renderer, error) {
	p.once.Do(func() { p.renderer, p.err = print.NewRenderer() })
	if p.err != nil {
		return nil, Wrap(CodeInternal, p.err, "loading the fonts")
	}
	return p.renderer, nil
}

// paper is what Form prints: the dossier (or the incomplete intake taken
// as one), its record and the paper's particulars.
type paper struct {
	doc     string
	ds      dossier.Dossier
	subject string
	evs     []*store.Event
	set     string
	clerk   string
	// contact is the phone the paper gives, when the clerk gave one.
	contact string
	logKey  string
	file    string
}

// Form renders one paper of a dossier with the form set it was received
// under and the template in force at its office: the receipt and
// appointment, the request to supplement (also for an incomplete intake,
// which has no code), the refusal at the desk or the notice of refusal
// after appraisal, the apology and new date, the notice of stopped
// processing, the process control sheet.
func (p *Print) Form(ctx context.Context, req FormRequest) (FormReply, error) {
	doc, err := paperDoc(req.Form)
	if err != nil {
		return FormReply{}, err
	}
	if req.Copies < 0 || req.Copies > maxReceiptCopies {
		return FormReply{}, FieldError("copies", "a paper is printed in 1 to %d copies", maxReceiptCopies)
	}
	d, err := p.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	var pp paper
	if strings.TrimSpace(req.Intake) != "" {
		pp, err = intakePaper(d.Store, doc, strings.TrimSpace(req.Intake))
	} else {
		pp, err = dossierPaper(d.Store, doc, strings.TrimSpace(req.Code))
	}
	if err != nil {
		return FormReply{}, err
	}
	r, err := p.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	office := pp.ds.Office
	tmpl, err := resolveTemplate(d.Store, office, pp.set, pp.doc)
	if err != nil {
		return FormReply{}, err
	}
	copies := req.Copies
	if copies == 0 {
		copies = 1
		if pp.doc == print.DocReceipt || pp.ds.Code == "" {
			ps, _, err := printSettings(d.Store, office)
			if err != nil {
				return FormReply{}, err
			}
			copies = ps.ReceiptCopies
		}
	}
	verify := strings.Join([]string{verifyPrefix, office, pp.subject, fmt.Sprint(len(pp.evs)), eventsHash(pp.evs, len(pp.evs))}, "|")
	reprint := printCount(d.Store, pp.logKey)
	pd := print.Doc{
		Office: printOffice(d.Store, office, paperDate(pp.ds, pp.doc)), Dossier: pp.ds, PrintedAt: p.now(), Reprint: reprint,
		Verify: verify, Template: tmpl.custom, Fee: feeText(d.Store, pp.ds), Names: holderNames(d.Store, pp.ds),
		Set: pp.set, Clerk: pp.clerk, Contact: cmp.Or(pp.contact, contactPhone(d.Store, office)), Copies: copies,
	}
	var buf bytes.Buffer
	err = r.Render(&buf, pp.doc, pd)
	switch {
	case errors.Is(err, print.ErrNoSupplement), errors.Is(err, print.ErrNotRefused),
		errors.Is(err, print.ErrNotRescheduled), errors.Is(err, print.ErrNotStopped):
		return FormReply{}, &Error{Code: CodeNotFound, Field: "form", Message: "this dossier has nothing to print on the " + pp.doc + " paper", Err: err}
	case errors.Is(err, print.ErrTemplate):
		return FormReply{}, &Error{Code: CodeInvalidInput, Field: "template", Message: "the office's template of the " + pp.doc + " paper cannot be used: " + err.Error(), Err: err}
	case err != nil:
		return FormReply{}, Wrap(CodeInternal, err, "rendering the "+pp.doc+" paper")
	}
	// Printing a dossier one does not hold is logged (access_log.go).
	if pp.ds.Code != "" {
		if err := logDossierRead(ctx, d.Store, p.now(), pp.ds, pp.evs, "Print.Form", pp.doc); err != nil {
			return FormReply{}, err
		}
	}
	if err := recordPrint(d.Store, pp.logKey, printEntry{At: p.now().UTC(), By: CallerFrom(ctx).Actor(), Template: tmpl.version, Verify: verify}); err != nil {
		return FormReply{}, err
	}
	form := tmpl.form
	return FormReply{
		Filename: fmt.Sprintf("mau-%s-%s-%s.pdf", cmp.Or(form, "tb"), paperSlugs[pp.doc], pp.file), Mime: "application/pdf",
		Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Reprint: reprint, Verify: verify, Template: tmpl.version,
		Set: pp.set, Form: form,
	}, nil
}

// dossierPaper reads a dossier for a paper: the refusal paper chosen by
// where the refusal happened, the form set it was received under.
func dossierPaper(st *store.Store, doc, code string) (paper, error) {
	ds, err := getDossier(st, code)
	if err != nil {
		return paper{}, err
	}
	subject := dossierPrefix + ds.Code
	evs, err := st.Events(subject)
	if err != nil {
		return paper{}, Wrap(CodeTampered, err, "the dossier's records do not verify")
	}
	pp := paper{doc: refusalPaper(ds, doc), ds: ds, subject: subject, evs: evs, set: ds.FormSet, file: ds.Code}
	if pp.set == "" {
		pp.set = print.SetFor(ds.ReceivedAt)
	}
	logForm := cmp.Or(printLogForms[pp.doc], pp.doc)
	pp.logKey = store.LocalPrintLog(logForm + "/" + ds.Code)
	// The receipt names the clerk who received the dossier.
	for _, e := range evs {
		if e.Kind == string(dossier.KindReceived) {
			pp.clerk = userName(st, e.Actor)
			break
		}
	}
	return pp, nil
}

// intakePaper reads an incomplete intake for its Form 02: a dossier with
// no code, the papers missing as its one supplement request, the clerk
// who took it and the form set of its day.
func intakePaper(st *store.Store, doc, id string) (paper, error) {
	if doc != print.DocSupplement {
		return paper{}, FieldError("form", "an incomplete intake prints only the request to supplement (Form 02)")
	}
	in, evs, err := getIntake(st, id)
	if err != nil {
		return paper{}, err
	}
	ds := dossier.Dossier{
		Office: in.Office, Applicant: in.Applicant, Procedure: in.Procedure, Channel: in.Channel,
		Documents: in.Documents, Sets: 1,
		Supplements: []dossier.Supplement{{At: in.At, Missing: in.Missing, Note: in.Note}},
	}
	set := in.FormSet
	if set == "" {
		set = print.SetFor(in.At)
	}
	return paper{
		doc: doc, ds: ds, subject: intakeSubject(in.Office, in.ID), evs: evs, set: set, contact: in.Contact,
		clerk: userName(st, in.Clerk), logKey: store.LocalPrintLog("intake/" + in.ID), file: in.ID,
	}, nil
}

// userName is a user's full name, or the ID when the user is not known
// here.
func userName(st *store.Store, id string) string {
	if u, err := getUser(st, id); err == nil && u.FullName != "" {
		return u.FullName
	}
	return id
}

// holderNames gives the names of the offices and officers a dossier's
// hand-overs, tasks, consultations and appraisal name, for Form 05.
func holderNames(st *store.Store, ds dossier.Dossier) map[string]string {
	names := map[string]string{}
	office := func(code string) {
		if _, done := names[code]; code != "" && !done {
			if o, err := getOffice(st, code); err == nil {
				names[code] = o.Name
			}
		}
	}
	user := func(id string) {
		if _, done := names[id]; id != "" && !done {
			if u, err := getUser(st, id); err == nil {
				names[id] = u.FullName
			}
		}
	}
	office(ds.Office)
	for _, s := range ds.Steps {
		office(s.From.Office)
		office(s.To.Office)
		user(s.From.Officer)
		user(s.To.Officer)
	}
	for _, t := range ds.Tasks {
		office(t.Office)
	}
	for _, c := range ds.Consultations {
		office(c.Office)
	}
	if a := ds.Appraisal; a != nil {
		// The control sheet names the officer whose opinion it carries.
		user(a.By)
	}
	return names
}

// feeText is Form 01's fee line: the fee computed at reception with how
// it was computed, else the fees asked of the citizen when any were, else
// the catalog's fee for the procedure version received.
func feeText(st *store.Store, ds dossier.Dossier) string {
	if q := ds.FeeQuote; q != nil {
		t := strings.TrimSpace(q.Text)
		switch {
		case q.AmountVND > 0 && t != "":
			return vnd(q.AmountVND) + " (" + t + ")"
		case q.AmountVND > 0:
			return vnd(q.AmountVND)
		case t != "":
			return t
		}
		return "Không thu phí"
	}
	if len(ds.Payments) > 0 {
		var total int64
		for _, p := range ds.Payments {
			total += p.AmountVND
		}
		return vnd(total)
	}
	p, err := getProcedure(st, ds.Procedure.Code, ds.Procedure.Version)
	if err != nil || p.Procedure.FeeVND == nil {
		return ""
	}
	s := "Không thu phí"
	if *p.Procedure.FeeVND > 0 {
		s = vnd(*p.Procedure.FeeVND)
	}
	if note := strings.TrimSpace(p.Procedure.FeeNote); note != "" {
		s += " (" + note + ")"
	}
	return s
}

// vnd writes an amount of đồng the Vietnamese way: "1.250.000 đồng".
func vnd(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	out := b.String() + " đồng"
	if neg {
		out = "-" + out
	}
	return out
}
