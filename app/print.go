package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
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

// FormRequest names a form and the dossier it is printed for.
type FormRequest struct {
	Form string `json:"form"`
	Code string `json:"code"`
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

// forms are the printable forms of a dossier, by number.
var forms = map[string]struct {
	slug   string
	render func(*print.Renderer, io.Writer, print.Doc) error
}{
	"01": {"tiep-nhan", (*print.Renderer).Receipt},
	"02": {"bo-sung", (*print.Renderer).Supplement},
	"03": {"tu-choi", (*print.Renderer).Refusal},
	"04": {"xin-loi", (*print.Renderer).Apology},
	"05": {"kiem-soat", (*print.Renderer).Control},
}

// renderer returns the renderer, reading the fonts on first use.
func (p *Print) loadRenderer() (*print.Renderer, error) {
	p.once.Do(func() { p.renderer, p.err = print.NewRenderer() })
	if p.err != nil {
		return nil, Wrap(CodeInternal, p.err, "loading the fonts")
	}
	return p.renderer, nil
}

// Form renders one form of a dossier: 01 receipt and appointment, 02
// request to supplement, 03 refusal, 04 apology and new date, 05 process
// control sheet; with the template in force for the dossier's office.
func (p *Print) Form(ctx context.Context, req FormRequest) (FormReply, error) {
	form, ok := forms[req.Form]
	if !ok {
		return FormReply{}, FieldError("form", "form %q cannot be printed for a dossier; 01 to 05 can", req.Form)
	}
	d, err := p.core.Deps()
	if err != nil {
		return FormReply{}, err
	}
	ds, err := getDossier(d.Store, strings.TrimSpace(req.Code))
	if err != nil {
		return FormReply{}, err
	}
	r, err := p.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	subject := dossierPrefix + ds.Code
	evs, err := d.Store.Events(subject)
	if err != nil {
		return FormReply{}, Wrap(CodeTampered, err, "the dossier's records do not verify")
	}
	tmpl, err := resolveTemplate(d.Store, ds.Office, req.Form)
	if err != nil {
		return FormReply{}, err
	}
	verify := strings.Join([]string{verifyPrefix, ds.Office, subject, fmt.Sprint(len(evs)), eventsHash(evs, len(evs))}, "|")
	logKey := "print.count/" + req.Form + "/" + ds.Code
	reprint := printCount(d.Store, logKey)
	doc := print.Doc{
		Office: printOffice(d.Store, ds.Office, ds.ReceivedAt), Dossier: ds, PrintedAt: p.now(), Reprint: reprint, Verify: verify,
		Template: tmpl.custom, Fee: feeText(d.Store, ds), Names: holderNames(d.Store, ds),
	}
	var buf bytes.Buffer
	err = form.render(r, &buf, doc)
	switch {
	case errors.Is(err, print.ErrNoSupplement), errors.Is(err, print.ErrNotRefused), errors.Is(err, print.ErrNotRescheduled):
		return FormReply{}, &Error{Code: CodeNotFound, Field: "form", Message: "this dossier has nothing to print on form " + req.Form, Err: err}
	case errors.Is(err, print.ErrTemplate):
		return FormReply{}, &Error{Code: CodeInvalidInput, Field: "template", Message: "the office's template for form " + req.Form + " cannot be used: " + err.Error(), Err: err}
	case err != nil:
		return FormReply{}, Wrap(CodeInternal, err, "rendering form "+req.Form)
	}
	if err := recordPrint(d.Store, logKey, printEntry{At: p.now().UTC(), By: CallerFrom(ctx).Actor(), Template: tmpl.version, Verify: verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{
		Filename: fmt.Sprintf("mau-%s-%s-%s.pdf", req.Form, form.slug, ds.Code), Mime: "application/pdf",
		Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Reprint: reprint, Verify: verify, Template: tmpl.version,
	}, nil
}

// holderNames gives the names of the offices and officers a dossier's
// hand-overs, tasks and consultations name, for Form 05.
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
	return names
}

// feeText is Form 01's fee line: the fees asked of the citizen when any
// were, else the catalog's fee for the procedure version received.
func feeText(st *store.Store, ds dossier.Dossier) string {
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
