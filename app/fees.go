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
	"strconv"
	"strings"
	"sync"
	"time"

	"hoso/calendar"
	"hoso/catalog"
	"hoso/dossier"
	"hoso/print"
	"hoso/report"
	"hoso/store"
)

// Fees collected at the desk (issue 14, M21).
//
// The clerk records a payment with Fees.Pay: the dossier's open payment
// request is settled, or, at the desk when none is open, the fee is asked
// and settled at once (two signed events, PaymentRequested then
// PaymentReceived; the due date runs through a payment wait, so the
// instant between them changes no time). Each payment gets the next number
// of the desk's own receipt series (dossier.NewReceipt: agency, year,
// desk, count), found from the receipts already recorded, never from a
// local counter: two desks offline never issue the same number, and a
// desk restored from a backup or re-synced continues after its last.
//
// The fee index (feeProjection) lists every receipt recorded, by number
// and by office and time paid; the fee book (Fees.Book, Print.FeeBook,
// Fees.Export) reads it.

const (
	// feeProjID is the fee index's projection. It folds dossier subjects,
	// beside the dossier projection, keeping only their receipts.
	feeProjID = "fee"
	// indexReceipt holds every receipt number recorded: receipt 0x00 event.
	// A desk's series for a year shares a prefix (dossier.ReceiptPrefix)
	// and sorts as issued, so the last number is one reverse scan away.
	indexReceipt = "receipt"
	// indexFeePaid orders the receipts of an office by time paid: office
	// 0x00 YYYYMMDDhhmmss (Vietnam time) 0x00 event.
	indexFeePaid = "paid"
	// feeBookPrefix starts the subject a printed fee book's QR code names:
	// feebook/OFFICE/DESK/FROM/TO, DESK a digit or "all".
	feeBookPrefix = "feebook/"
	// feeBookAllDesks is DESK in a fee book's subject for every desk.
	feeBookAllDesks = "all"
)

// feeRecord is one payment recorded with a receipt.
type feeRecord struct {
	Event     string    `json:"event"`
	At        time.Time `json:"at"`
	Office    string    `json:"office"`
	Clerk     string    `json:"clerk"`
	AmountVND int64     `json:"amountVND"`
	Method    string    `json:"method"`
	Receipt   string    `json:"receipt"`
}

// feeState is a dossier's receipts, in fold order.
type feeState struct {
	Payments []feeRecord `json:"payments,omitempty"`
}

// feeProjection keeps the fee index. It records every PaymentReceived
// event with a well-formed receipt, also one the dossier's fold sets aside
// as a conflict: money was taken, and the fee book must show it.
type feeProjection struct{ jsonProjection[feeState] }

// Version is 2 so that a data folder written before the fee index existed
// is indexed on its first opening.
func (feeProjection) Version() uint32 { return 2 }

var feeProj = feeProjection{jsonProjection[feeState]{
	name:   feeProjID,
	prefix: dossierPrefix,
	apply: func(s *feeState, e *store.Event) {
		if e.Kind != string(dossier.KindPaymentReceived) {
			return
		}
		var b dossier.PaymentReceived
		if !decodeBody(e, &b) {
			return
		}
		if _, err := dossier.ParseReceipt(b.Receipt); err != nil {
			return
		}
		id := e.ID()
		s.Payments = append(s.Payments, feeRecord{
			Event: id.String(), At: e.HLC.Time().In(calendar.Zone), Office: e.Owner, Clerk: e.Actor,
			AmountVND: b.AmountVND, Method: string(b.Method), Receipt: b.Receipt,
		})
	},
	index: func(_ string, s *feeState) []store.IndexEntry {
		var out []store.IndexEntry
		for _, p := range s.Payments {
			out = append(out,
				store.IndexEntry{Index: indexReceipt, Key: []byte(p.Receipt + "\x00" + p.Event)},
				store.IndexEntry{Index: indexFeePaid, Key: feePaidKey(p.Office, p.At, p.Event)},
			)
		}
		return out
	},
}}

// feePaidKey is a receipt's key in the "paid" index.
func feePaidKey(office string, at time.Time, event string) []byte {
	return []byte(office + "\x00" + at.In(calendar.Zone).Format("20060102150405") + "\x00" + event)
}

// Fees records the fees paid at the desk and keeps the fee book.
type Fees struct {
	core *Core
	cal  *Calendar
	now  func() time.Time
	// mu makes a desk's receipt numbering and its write one step.
	mu sync.Mutex
}

// NewFees returns the Fees service.
func NewFees(core *Core, cal *Calendar, now func() time.Time) *Fees {
	if now == nil {
		now = time.Now
	}
	return &Fees{core: core, cal: cal, now: now}
}

// PayRequest records a payment of a dossier's fee at the desk.
type PayRequest struct {
	Code string `json:"code"`
	// AmountVND is the amount paid; 0 means the amount asked (the open
	// payment request's, or the fee quoted at reception).
	AmountVND int64 `json:"amountVND"`
	// Method is "cash" or "transfer".
	Method dossier.Method `json:"method"`
	// Note is the request's note when Pay asks the fee itself.
	Note string `json:"note"`
}

// FeeStatus is what a dossier was asked to pay and what it paid.
type FeeStatus struct {
	Code string `json:"code"`
	// AskedVND sums the payment requests, PaidVND the payments, OwedVND
	// is what remains unpaid of the open request (0 when none is open).
	AskedVND int64 `json:"askedVND"`
	PaidVND  int64 `json:"paidVND"`
	OwedVND  int64 `json:"owedVND"`
	// Payments are the requests and their settlements, in order.
	Payments []dossier.Payment `json:"payments"`
	// Receipt is the number Fees.Pay just issued; "" from Fees.Status.
	Receipt string `json:"receipt,omitempty"`
}

// feeStatusOf sums a dossier's payments.
func feeStatusOf(ds dossier.Dossier) FeeStatus {
	out := FeeStatus{Code: ds.Code, Payments: append([]dossier.Payment{}, ds.Payments...)}
	for _, p := range ds.Payments {
		out.AskedVND += p.AmountVND
		out.PaidVND += p.PaidVND
	}
	if n := len(ds.Payments); n > 0 && ds.Status == dossier.StatusPaymentRequested && ds.Payments[n-1].PaidAt.IsZero() {
		out.OwedVND = ds.Payments[n-1].AmountVND
	}
	return out
}

// Status returns what a dossier was asked to pay and paid: the return
// screen shows the sum paid.
func (f *Fees) Status(req DossierRequest) (FeeStatus, error) {
	d, err := f.core.Deps()
	if err != nil {
		return FeeStatus{}, err
	}
	ds, err := getDossier(d.Store, strings.TrimSpace(req.Code))
	if err != nil {
		return FeeStatus{}, err
	}
	return feeStatusOf(ds), nil
}

// Pay records a payment at the desk with the next number of the desk's
// receipt series: it settles the dossier's open payment request or, when
// none is open and the clerk may ask one (a dossier just received), asks
// the fee and settles it. The dossier rules decide who may do either, and
// when.
func (f *Fees) Pay(ctx context.Context, req PayRequest) (FeeStatus, error) {
	d, err := f.core.Deps()
	if err != nil {
		return FeeStatus{}, err
	}
	if !req.Method.Valid() {
		return FeeStatus{}, FieldError("method", "the method of payment must be %q or %q", dossier.MethodCash, dossier.MethodTransfer)
	}
	if req.AmountVND < 0 || req.AmountVND > catalog.MaxFeeVND {
		return FeeStatus{}, FieldError("amountVND", "%d is not an amount paid", req.AmountVND)
	}
	cal, err := f.cal.calendarFor(d.Store)
	if err != nil {
		return FeeStatus{}, err
	}
	actor := actorOf(d.Store, CallerFrom(ctx))
	office, err := getOffice(d.Store, actor.Office)
	if err != nil {
		return FeeStatus{}, Errorf(CodeInvalidInput, "this desk's office %s is not set up", actor.Office)
	}
	code := strings.TrimSpace(req.Code)

	f.mu.Lock()
	defer f.mu.Unlock()
	ds, err := getDossier(d.Store, code)
	if err != nil {
		return FeeStatus{}, err
	}
	now := f.now()
	if ds.Status != dossier.StatusPaymentRequested {
		amount := cmp.Or(req.AmountVND, quotedVND(ds))
		if amount <= 0 {
			return FeeStatus{}, FieldError("amountVND", "no fee was asked of dossier %s: give the amount paid", code)
		}
		if err := appendAction(d.Store, ds, actor, now, cal, &dossier.PaymentRequested{AmountVND: amount, Note: strings.TrimSpace(req.Note)}); err != nil {
			return FeeStatus{}, err
		}
		if ds, err = getDossier(d.Store, code); err != nil {
			return FeeStatus{}, err
		}
	}
	amount := req.AmountVND
	if n := len(ds.Payments); amount == 0 && n > 0 {
		amount = ds.Payments[n-1].AmountVND
	}
	receipt, err := nextReceipt(d.Store, office.AgencyID, now.In(calendar.Zone).Year(), deskIndex(d.Store))
	if err != nil {
		return FeeStatus{}, err
	}
	if err := appendAction(d.Store, ds, actor, now, cal, &dossier.PaymentReceived{AmountVND: amount, Receipt: receipt, Method: req.Method}); err != nil {
		return FeeStatus{}, err
	}
	if ds, err = getDossier(d.Store, code); err != nil {
		return FeeStatus{}, err
	}
	out := feeStatusOf(ds)
	out.Receipt = receipt
	return out, nil
}

// quotedVND is the fee quoted at reception, 0 when none was.
func quotedVND(ds dossier.Dossier) int64 {
	if ds.FeeQuote == nil {
		return 0
	}
	return ds.FeeQuote.AmountVND
}

// feeQuoteOf computes the fee of a dossier at reception with the
// procedure's fee rule in force, for the channel and the pages, copies and
// exemption the clerk gave. A fee the province has not entered yet gives
// no quote (the receipt says what the catalog says), and so does a
// per-page fee when the request gives no fee input at all (a client that
// does not know fees); any other input the rule cannot use is refused
// with the field at fault, "fee.pages", "fee.copies" or "fee.exemption".
func feeQuoteOf(p catalog.Procedure, channel dossier.Channel, in catalog.FeeInput) (*dossier.FeeQuoteRecord, error) {
	given := in != (catalog.FeeInput{})
	in.Channel = string(channel)
	rule := p.FeeRule()
	q, err := rule.Compute(in)
	var fe *catalog.FeeError
	switch {
	case errors.As(err, &fe) && fe.Code == catalog.CodeFeeNotSet:
		return nil, nil
	case errors.As(err, &fe) && fe.Field == "pages" && fe.Code == catalog.CodeRequired && !given:
		return nil, nil
	case errors.As(err, &fe):
		return nil, &Error{Code: CodeInvalidInput, Field: "fee." + fe.Field, Message: fe.Message, Params: map[string]string{"rule": fe.Code}, Err: err}
	case err != nil:
		return nil, Wrap(CodeInternal, err, "computing the fee")
	}
	return &dossier.FeeQuoteRecord{
		AmountVND: q.AmountVND, Text: q.Text, Kind: rule.Kind, Pages: in.Pages, Copies: in.Copies, Exemption: strings.TrimSpace(in.Exemption),
	}, nil
}

// QuoteRequest is what the clerk has typed so far at reception: the
// procedure, the channel (empty: in person) and the fee input.
type QuoteRequest struct {
	Procedure string           `json:"procedure"`
	Channel   dossier.Channel  `json:"channel"`
	Fee       catalog.FeeInput `json:"fee"`
}

// QuoteReply is the fee reception would record for a QuoteRequest.
// Quoted is false when reception would record no quote: a provincial fee
// not entered yet, or a per-page fee before any page is given. Kind is the
// rule's kind, so that the form knows which inputs it needs.
type QuoteReply struct {
	Quoted    bool   `json:"quoted"`
	AmountVND int64  `json:"amountVND"`
	Text      string `json:"text"`
	Kind      string `json:"kind"`
}

// Quote computes the fee a dossier would be asked at reception, while the
// clerk types: the same procedure in force, channel and fee rule as
// Dossiers.Receive (receptionProcedure, receptionChannel, feeQuoteOf), so
// the amount shown is the amount the receipt prints, and the same field
// errors ("procedure", "channel", "fee.pages", "fee.copies",
// "fee.exemption"). It records nothing.
func (f *Fees) Quote(req QuoteRequest) (QuoteReply, error) {
	d, err := f.core.Deps()
	if err != nil {
		return QuoteReply{}, err
	}
	proc, err := receptionProcedure(d.Store, req.Procedure)
	if err != nil {
		return QuoteReply{}, err
	}
	channel, err := receptionChannel(req.Channel)
	if err != nil {
		return QuoteReply{}, err
	}
	q, err := feeQuoteOf(proc.Procedure, channel, req.Fee)
	if err != nil {
		return QuoteReply{}, err
	}
	out := QuoteReply{Kind: proc.Procedure.FeeRule().Kind}
	if q != nil {
		out.Quoted, out.AmountVND, out.Text = true, q.AmountVND, q.Text
	}
	return out, nil
}

// appendAction checks one action on a dossier against the rules and
// records it.
func appendAction(st *store.Store, ds dossier.Dossier, actor dossier.Actor, now time.Time, cal *calendar.Calendar, b dossier.Body) error {
	raw, err := dossier.Encode(b)
	if err != nil {
		return Wrap(CodeInternal, err, "encoding the action")
	}
	if err := dossier.Check(ds, dossier.Action{Kind: b.Kind(), Body: raw}, actor, now, cal); err != nil {
		return ruleError(err)
	}
	draft := store.Draft{
		Actor: actor.UserID, Owner: actor.Office, Audience: append([]string{}, ds.Offices...),
		Kind: string(b.Kind()), Subject: dossierPrefix + ds.Code, Body: raw,
	}
	if _, err := st.Append(draft); err != nil {
		return appendErr(err, "recording the payment")
	}
	return nil
}

// nextReceipt returns the next number of a desk's receipt series for the
// year: one past the highest recorded (numbers are never reused).
func nextReceipt(st *store.Store, agency string, year, desk int) (string, error) {
	prefix := dossier.ReceiptPrefix(agency, year, desk)
	hits, err := st.Scan(feeProjID, indexReceipt, store.ScanOptions{Prefix: []byte(prefix), Reverse: true, Limit: 1})
	if err != nil {
		return "", Wrap(CodeInternal, err, "numbering the receipt")
	}
	n := 1
	if len(hits) == 1 {
		num, _, _ := strings.Cut(string(hits[0].Key), "\x00")
		if r, err := dossier.ParseReceipt(num); err == nil {
			n = r.N + 1
		}
	}
	receipt, err := dossier.NewReceipt(agency, year, desk, n)
	if err != nil {
		return "", ruleError(err)
	}
	return receipt, nil
}

// FeeBookRequest asks for the fee book of an office (empty: the caller's)
// for the days From to To (YYYY-MM-DD, both included): the receipts of
// one desk, or of every desk when Desk is -1.
type FeeBookRequest struct {
	Office string `json:"office"`
	Desk   int    `json:"desk"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// feeBookSubject names a fee book in its QR code.
func feeBookSubject(office string, desk int, from, to time.Time) string {
	d := feeBookAllDesks
	if desk >= 0 {
		d = strconv.Itoa(desk)
	}
	return feeBookPrefix + office + "/" + d + "/" + from.Format(time.DateOnly) + "/" + to.Format(time.DateOnly)
}

// readFeeBook reads a fee book: its receipts in the order paid, summed
// per day and in all, with the QR text that verifies it.
func readFeeBook(st *store.Store, office string, desk int, from, to time.Time) (report.FeeBook, error) {
	lo := string(feePaidKey(office, from, ""))
	hi := string(feePaidKey(office, to.AddDate(0, 0, 1), ""))
	states := map[string]feeState{}
	dossiers := map[string]dossier.Dossier{}
	var entries []report.FeeEntry
	// The paid index is keyed by time; scan month by month.
	for m := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, calendar.Zone); !m.After(to); m = m.AddDate(0, 1, 0) {
		hits, err := st.Scan(feeProjID, indexFeePaid, store.ScanOptions{Prefix: []byte(office + "\x00" + m.Format("200601"))})
		if err != nil {
			return report.FeeBook{}, Wrap(CodeInternal, err, "reading the fee book")
		}
		for _, h := range hits {
			if k := string(h.Key); k < lo || k >= hi {
				continue
			}
			event := string(h.Key[strings.LastIndexByte(string(h.Key), 0)+1:])
			s, ok := states[h.Subject]
			if !ok {
				if _, err := readState(st, feeProjID, h.Subject, &s); err != nil {
					return report.FeeBook{}, err
				}
				states[h.Subject] = s
			}
			for _, p := range s.Payments {
				if p.Event != event {
					continue
				}
				r, err := dossier.ParseReceipt(p.Receipt)
				if err != nil || (desk >= 0 && r.Desk != desk) {
					continue
				}
				ds, ok := dossiers[h.Subject]
				if !ok {
					if _, err := readState(st, dossierProjID, h.Subject, &ds); err != nil {
						return report.FeeBook{}, err
					}
					dossiers[h.Subject] = ds
				}
				entries = append(entries, report.FeeEntry{
					Receipt: p.Receipt, PaidAt: p.At, Desk: r.Desk, Code: strings.TrimPrefix(h.Subject, dossierPrefix),
					Applicant: ds.Applicant.FullName, Procedure: ds.Procedure.Name, Method: p.Method,
					AmountVND: p.AmountVND, Clerk: p.Clerk, ClerkName: userName(st, p.Clerk), Event: p.Event,
				})
			}
		}
	}
	b := report.NewFeeBook(entries)
	b.Office, b.Desk, b.From, b.To = office, desk, from.Format(time.DateOnly), to.Format(time.DateOnly)
	po := printOffice(st, office, to)
	b.OfficeName, b.ParentName, b.Place = po.Name, po.ParentName, po.Place
	b.Verify = strings.Join([]string{verifyPrefix, office, feeBookSubject(office, desk, from, to), strconv.Itoa(len(b.Entries)), feeBookHash(b)}, "|")
	return b, nil
}

// feeBookHash is the hash a fee book's QR code carries: SHA-256 over each
// entry's event, receipt and amount, in book order.
func feeBookHash(b report.FeeBook) string {
	h := sha256.New()
	for _, e := range b.Entries {
		fmt.Fprintf(h, "%s\x00%s\x00%d\x00", e.Event, e.Receipt, e.AmountVND)
	}
	return hex.EncodeToString(h.Sum(nil))[:32]
}

// feeBookFor checks a fee book request, reads the book and logs the
// reading for a caller who does not keep it (method is the call).
func feeBookFor(ctx context.Context, core *Core, method string, req FeeBookRequest, now time.Time) (*store.Store, report.FeeBook, error) {
	from, to, err := bookPeriod(req.From, req.To)
	if err != nil {
		return nil, report.FeeBook{}, err
	}
	if req.Desk < -1 || req.Desk > dossier.MaxDesk {
		return nil, report.FeeBook{}, FieldError("desk", "the desk is 0 to %d, or -1 for every desk", dossier.MaxDesk)
	}
	d, err := core.Deps()
	if err != nil {
		return nil, report.FeeBook{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	if _, err := getOffice(d.Store, office); err != nil {
		return nil, report.FeeBook{}, err
	}
	b, err := readFeeBook(d.Store, office, req.Desk, from, to)
	if err != nil {
		return nil, report.FeeBook{}, err
	}
	b.GeneratedAt = now
	// The payers' names are personal data.
	if err := logBookRead(ctx, d.Store, now, office, method, strings.Split(b.Verify, "|")[2], len(b.Entries)); err != nil {
		return nil, report.FeeBook{}, err
	}
	return d.Store, b, nil
}

// Book returns the fee book of an office, of one desk or every desk
// (Desk -1), for a period: the receipts in the order paid, with each
// day's subtotal and the totals in cash, by transfer and in all.
func (f *Fees) Book(ctx context.Context, req FeeBookRequest) (report.FeeBook, error) {
	_, b, err := feeBookFor(ctx, f.core, "Fees.Book", req, f.now())
	return b, err
}

// feeBookFile names a fee book's file: so-thu-phi-38001-quay2-20261201-20261201.
func feeBookFile(b report.FeeBook, ext string) string {
	desk := "tat-ca-quay"
	if b.Desk >= 0 {
		desk = "quay" + strconv.Itoa(b.Desk)
	}
	return fmt.Sprintf("so-thu-phi-%s-%s-%s-%s.%s", b.Office, desk, strings.ReplaceAll(b.From, "-", ""), strings.ReplaceAll(b.To, "-", ""), ext)
}

// Export writes the fee book as an XLSX workbook (amounts as numbers).
func (f *Fees) Export(ctx context.Context, req FeeBookRequest) (ReportFile, error) {
	_, b, err := feeBookFor(ctx, f.core, "Fees.Export", req, f.now())
	if err != nil {
		return ReportFile{}, err
	}
	var buf bytes.Buffer
	if err := report.WriteFeeBookXLSX(&buf, b); err != nil {
		return ReportFile{}, Wrap(CodeInternal, err, "writing the fee book")
	}
	return ReportFile{
		Filename: feeBookFile(b, "xlsx"), Mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
		Content: base64.StdEncoding.EncodeToString(buf.Bytes()), Verify: b.Verify,
	}, nil
}

// FeeBook renders the fee book of an office, of one desk or every desk,
// for a period, A4 landscape, with the QR code Records.Verify checks.
func (p *Print) FeeBook(ctx context.Context, req FeeBookRequest) (FormReply, error) {
	st, b, err := feeBookFor(ctx, p.core, "Print.FeeBook", req, p.now())
	if err != nil {
		return FormReply{}, err
	}
	r, err := p.loadRenderer()
	if err != nil {
		return FormReply{}, err
	}
	to, _ := time.ParseInLocation(time.DateOnly, b.To, calendar.Zone)
	subject := strings.Split(b.Verify, "|")[2]
	logKey := store.LocalPrintLog(subject)
	reprint := printCount(st, logKey)
	var buf bytes.Buffer
	if err := r.FeeBook(&buf, print.FeeBook{Book: b, Office: printOffice(st, b.Office, to), PrintedAt: p.now(), Reprint: reprint}); err != nil {
		return FormReply{}, Wrap(CodeInternal, err, "rendering the fee book")
	}
	if err := recordPrint(st, logKey, printEntry{At: p.now().UTC(), By: CallerFrom(ctx).Actor(), Verify: b.Verify}); err != nil {
		return FormReply{}, err
	}
	return FormReply{
		Filename: feeBookFile(b, "pdf"), Mime: "application/pdf", Content: base64.StdEncoding.EncodeToString(buf.Bytes()),
		Reprint: reprint, Verify: b.Verify,
	}, nil
}

// verifyFeeBook checks a printed fee book: the same receipts give the
// same hash.
func verifyFeeBook(st *store.Store, out VerifyReply, hash string) (VerifyReply, error) {
	bad := FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	rest := strings.Split(strings.TrimPrefix(out.Subject, feeBookPrefix), "/")
	if len(rest) != 4 || rest[0] != out.Office {
		return VerifyReply{}, bad
	}
	desk := -1
	if rest[1] != feeBookAllDesks {
		n, err := strconv.Atoi(rest[1])
		if err != nil || n < 0 || n > dossier.MaxDesk {
			return VerifyReply{}, bad
		}
		desk = n
	}
	from, to, err := bookPeriod(rest[2], rest[3])
	if err != nil {
		return VerifyReply{}, bad
	}
	if _, err := getOffice(st, out.Office); err != nil {
		out.Status = VerifyUnknown
		return out, nil
	}
	b, err := readFeeBook(st, out.Office, desk, from, to)
	if err != nil {
		return VerifyReply{}, err
	}
	out.CurrentEvents = len(b.Entries)
	switch now := feeBookHash(b); {
	case now == hash:
		out.Status = VerifyMatch
	case len(b.Entries) == 0:
		out.Status = VerifyUnknown
	default:
		out.Status = VerifyDiffers
		out.Details = []string{fmt.Sprintf("the fee book was printed with %d receipts; %d are recorded for the period now", out.PrintedEvents, len(b.Entries))}
	}
	return out, nil
}
