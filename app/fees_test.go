package app

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

// pay records a payment at the desk and returns the receipt number.
func (s *staffEnv) pay(t *testing.T, code string, amount int64, method dossier.Method) string {
	t.Helper()
	var r FeeStatus
	s.mustCall(t, s.clerk, "Fees.Pay", PayRequest{Code: code, AmountVND: amount, Method: method}, &r)
	if r.Receipt == "" {
		t.Fatalf("pay %s: no receipt: %+v", code, r)
	}
	return r.Receipt
}

func TestPayIssuesReceiptsFromTheDeskSeries(t *testing.T) {
	s := newStaff(t)
	s.now = time.Date(2026, 11, 26, 2, 0, 0, 0, time.UTC)
	a := s.receive(t, "Nguyễn Thị Hồng Nhung")
	b := s.receive(t, "Trần Văn Bình")

	var r FeeStatus
	s.mustCall(t, s.clerk, "Fees.Pay", PayRequest{Code: a, AmountVND: 8000, Method: dossier.MethodCash}, &r)
	if r.Receipt != "38001-26-0-000001" || r.PaidVND != 8000 || r.AskedVND != 8000 || r.OwedVND != 0 || len(r.Payments) != 1 ||
		r.Payments[0].Method != dossier.MethodCash || r.Payments[0].Receipt != r.Receipt || r.Payments[0].PaidBy != s.ids["vanthu"] {
		t.Fatalf("first payment: %+v", r)
	}
	if got := s.pay(t, b, 15000, dossier.MethodTransfer); got != "38001-26-0-000002" {
		t.Fatalf("second receipt %s", got)
	}
	// The dossier is back where it was: the clerk may hand it over.
	var got DossierReply
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: a}, &got)
	if got.Dossier.Status != dossier.StatusReceived {
		t.Fatalf("after payment: %s", got.Dossier.Status)
	}

	// An officer asks a fee during processing; the clerk settles it at the
	// desk with the amount asked.
	for _, st := range []struct {
		session string
		kind    dossier.Kind
		body    any
	}{
		{s.clerk, dossier.KindHandedOver, dossier.HandedOver{}},
		{s.officer, dossier.KindAssigned, dossier.Assigned{}},
		{s.officer, dossier.KindPaymentRequested, dossier.PaymentRequested{AmountVND: 50000, Note: "lệ phí cấp bản sao"}},
	} {
		if err := s.act(t, st.session, a, st.kind, st.body); err != nil {
			t.Fatalf("%s: %v", st.kind, err)
		}
	}
	s.mustCall(t, s.clerk, "Fees.Status", DossierRequest{Code: a}, &r)
	if r.OwedVND != 50000 || r.AskedVND != 58000 || r.PaidVND != 8000 {
		t.Fatalf("an open request: %+v", r)
	}
	s.mustCall(t, s.clerk, "Fees.Pay", PayRequest{Code: a, Method: dossier.MethodCash}, &r)
	if r.Receipt != "38001-26-0-000003" || r.PaidVND != 58000 || r.OwedVND != 0 {
		t.Fatalf("settling the request: %+v", r)
	}
	s.mustCall(t, s.clerk, "Dossiers.Get", DossierRequest{Code: a}, &got)
	if got.Dossier.Status != dossier.StatusAssigned {
		t.Fatalf("after settling: %s", got.Dossier.Status)
	}

	for _, c := range []struct {
		name    string
		session string
		req     PayRequest
		code    Code
		field   string
	}{
		{"no method", s.clerk, PayRequest{Code: b, AmountVND: 1000}, CodeInvalidInput, "method"},
		{"an unknown method", s.clerk, PayRequest{Code: b, AmountVND: 1000, Method: "card"}, CodeInvalidInput, "method"},
		{"a negative amount", s.clerk, PayRequest{Code: b, AmountVND: -1, Method: dossier.MethodCash}, CodeInvalidInput, "amountVND"},
		{"nothing asked, no amount", s.clerk, PayRequest{Code: b, Method: dossier.MethodCash}, CodeInvalidInput, "amountVND"},
		{"not a clerk", s.officer, PayRequest{Code: b, AmountVND: 1000, Method: dossier.MethodCash}, CodeForbidden, ""},
		{"no such dossier", s.clerk, PayRequest{Code: "38001-261126-0999", AmountVND: 1000, Method: dossier.MethodCash}, CodeNotFound, "code"},
	} {
		err := s.call(t, c.session, "Fees.Pay", c.req, nil)
		if err == nil || err.Code != c.code || err.Field != c.field {
			t.Errorf("%s: got %v, want %s %s", c.name, err, c.code, c.field)
		}
	}

	// A payment recorded through Act must carry a receipt of the dossier's
	// agency and year, and a method: a client cannot record a bare one.
	if err := s.act(t, s.officer, b, dossier.KindHandedOver, dossier.HandedOver{}); err == nil {
		t.Fatal("an officer handed over at the desk")
	}
	if err := s.act(t, s.clerk, b, dossier.KindPaymentRequested, dossier.PaymentRequested{AmountVND: 3000}); err != nil {
		t.Fatal(err)
	}
	for _, body := range []dossier.PaymentReceived{
		{AmountVND: 3000},
		{AmountVND: 3000, Method: dossier.MethodCash},
		{AmountVND: 3000, Method: dossier.MethodCash, Receipt: "38999-26-0-000009"},
		{AmountVND: 3000, Method: dossier.MethodCash, Receipt: "38001-25-0-000009"},
	} {
		if err := s.act(t, s.clerk, b, dossier.KindPaymentReceived, body); err == nil || err.Code != CodeRefused {
			t.Errorf("a payment %+v: %v", body, err)
		}
	}
	// The receipt numbers continue where they were.
	if got := s.pay(t, b, 0, dossier.MethodCash); got != "38001-26-0-000004" {
		t.Fatalf("fourth receipt %s", got)
	}
	// A new year starts a new series.
	s.now = time.Date(2027, 1, 4, 2, 0, 0, 0, time.UTC)
	c := s.receive(t, "Lê Thị Cúc")
	if got := s.pay(t, c, 5000, dossier.MethodCash); got != "38001-27-0-000001" {
		t.Fatalf("the first receipt of 2027: %s", got)
	}
}

// Two desks of one office, offline the same day, never issue the same
// receipt number; after they sync, each desk's series continues after its
// own last number and the office's fee book lists both desks' receipts.
func TestTwoOfflineDesksNeverIssueTheSameReceipt(t *testing.T) {
	a, b := newStaff(t), newStaff(t)
	if err := b.st.SetLocal(store.LocalDeskIndex, []byte("2")); err != nil {
		t.Fatal(err)
	}
	// After the setup's day: events are never dated before it.
	day := time.Date(2026, 11, 30, 2, 0, 0, 0, time.UTC)
	a.now, b.now = day, day
	var codesB []string
	seen := map[string]bool{}
	for i := range 4 {
		ca, cb := a.receive(t, "Nguyễn Văn A"), b.receive(t, "Trần Thị B")
		codesB = append(codesB, cb)
		for _, r := range []string{a.pay(t, ca, int64(1000*(i+1)), dossier.MethodCash), b.pay(t, cb, 2000, dossier.MethodTransfer)} {
			if seen[r] {
				t.Fatalf("receipt %s issued twice", r)
			}
			seen[r] = true
		}
	}
	if !seen["38001-26-2-000001"] || !seen["38001-26-0-000004"] {
		t.Fatalf("receipts %v", seen)
	}
	for _, c := range codesB {
		evs, err := b.st.Events(dossierPrefix + c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := a.st.Ingest(evs); err != nil {
			t.Fatal(err)
		}
	}
	a.now = day.Add(time.Hour)
	next := a.pay(t, a.receive(t, "Lê Văn C"), 500, dossier.MethodCash)
	if seen[next] || next != "38001-26-0-000005" {
		t.Fatalf("a's next receipt %s", next)
	}

	var all, desk2 report.FeeBook
	a.mustCall(t, a.clerk, "Fees.Book", FeeBookRequest{Desk: -1, From: "2026-11-30", To: "2026-11-30"}, &all)
	a.mustCall(t, a.clerk, "Fees.Book", FeeBookRequest{Desk: 2, From: "2026-11-30", To: "2026-11-30"}, &desk2)
	if all.Total.Count != 9 || all.Total.TotalVND != 1000+2000+3000+4000+500+4*2000 || all.Total.TransferVND != 8000 {
		t.Fatalf("every desk: %+v", all.Total)
	}
	if desk2.Total.Count != 4 || desk2.Total.TotalVND != 8000 || desk2.Total.CashVND != 0 {
		t.Fatalf("desk 2: %+v", desk2.Total)
	}
	for _, e := range desk2.Entries {
		if e.Desk != 2 || !strings.HasPrefix(e.Receipt, "38001-26-2-") || e.Applicant != "Trần Thị B" {
			t.Errorf("desk 2's book lists %+v", e)
		}
	}
}

func TestFeeBookSumsPrintsAndExports(t *testing.T) {
	s := newStaff(t)
	// Tuesday 1 and Wednesday 2 December 2026, then Thursday 3 outside the
	// period.
	type payment struct {
		at     time.Time
		amount int64
		method dossier.Method
	}
	pays := []payment{
		{time.Date(2026, 12, 1, 1, 30, 0, 0, time.UTC), 7000, dossier.MethodCash},
		{time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC), 15000, dossier.MethodTransfer},
		{time.Date(2026, 12, 1, 8, 45, 0, 0, time.UTC), 2000, dossier.MethodCash},
		{time.Date(2026, 12, 2, 2, 0, 0, 0, time.UTC), 200000, dossier.MethodCash},
		{time.Date(2026, 12, 3, 2, 0, 0, 0, time.UTC), 9999, dossier.MethodCash},
	}
	for i, p := range pays {
		s.now = p.at
		code := s.receive(t, []string{"Nguyễn Thị Hồng Nhung", "Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng", "Hoàng Thị Em"}[i])
		s.pay(t, code, p.amount, p.method)
	}
	s.now = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)

	var b report.FeeBook
	s.mustCall(t, s.clerk, "Fees.Book", FeeBookRequest{Desk: -1, From: "2026-12-01", To: "2026-12-02"}, &b)
	want := report.FeeTotal{Count: 4, CashVND: 209000, TransferVND: 15000, TotalVND: 224000}
	if b.Total != want || len(b.Days) != 2 {
		t.Fatalf("totals %+v days %+v", b.Total, b.Days)
	}
	if d := b.Days[0]; d.Day != "2026-12-01" || d.Count != 3 || d.TotalVND != 24000 || d.CashVND != 9000 {
		t.Errorf("1 December: %+v", d)
	}
	if d := b.Days[1]; d.Day != "2026-12-02" || d.Count != 1 || d.TotalVND != 200000 {
		t.Errorf("2 December: %+v", d)
	}
	var sum int64
	for i, e := range b.Entries {
		sum += e.AmountVND
		if e.No != i+1 || e.ClerkName != "vanthu" || e.Procedure == "" {
			t.Errorf("entry %+v", e)
		}
	}
	if sum != b.Total.TotalVND {
		t.Errorf("the entries sum to %d, the total says %d", sum, b.Total.TotalVND)
	}

	// Printed: the title, the days' subtotals, the totals, the QR.
	var r FormReply
	s.mustCall(t, s.clerk, "Print.FeeBook", FeeBookRequest{Desk: -1, From: "2026-12-01", To: "2026-12-02"}, &r)
	text := replyText(t, r)
	for _, want := range []string{
		"SỔ THEO DÕI THU PHÍ, LỆ PHÍ", "Từ ngày 01/12/2026 đến ngày 02/12/2026 — Tất cả các quầy — 4 biên lai",
		"Cộng ngày 01/12/2026 (3 biên lai)", "24.000", "Tổng cộng (4 biên lai)", "224.000", "209.000", "15.000",
		"38001-26-0-000001", "Chuyển khoản", "NGƯỜI LẬP SỔ", "Trang 1/1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed fee book lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "9.999") {
		t.Error("a payment of 3 December is in the book of 1–2 December")
	}
	if !strings.HasPrefix(r.Verify, "HSVF1|38001|feebook/38001/all/2026-12-01/2026-12-02|4|") || r.Filename != "so-thu-phi-38001-tat-ca-quay-20261201-20261202.pdf" {
		t.Fatalf("reply %s %s", r.Verify, r.Filename)
	}
	var v VerifyReply
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyMatch || v.CurrentEvents != 4 {
		t.Fatalf("an untouched fee book: %+v", v)
	}
	s.mustCall(t, s.clerk, "Print.FeeBook", FeeBookRequest{Desk: -1, From: "2026-12-01", To: "2026-12-02"}, &r)
	if r.Reprint != 1 || !strings.Contains(replyText(t, r), "BẢN IN LẠI (lần 1)") {
		t.Errorf("a reprinted fee book is not marked: %d", r.Reprint)
	}
	// A payment recorded later for a day of the book changes it.
	s.mustCall(t, s.clerk, "Print.FeeBook", FeeBookRequest{Desk: 0, From: "2026-12-03", To: "2026-12-03"}, &r)
	s.now = time.Date(2026, 12, 3, 9, 30, 0, 0, time.UTC)
	s.pay(t, s.receive(t, "Đỗ Văn Giang"), 1000, dossier.MethodCash)
	s.mustCall(t, s.clerk, "Records.Verify", VerifyRequest{Text: r.Verify}, &v)
	if v.Status != VerifyDiffers || len(v.Details) == 0 {
		t.Fatalf("a fee book with a receipt added since: %+v", v)
	}

	// Exported: amounts and counts are numbers, the totals as computed.
	var x ReportFile
	s.mustCall(t, s.clerk, "Fees.Export", FeeBookRequest{Desk: -1, From: "2026-12-01", To: "2026-12-02"}, &x)
	raw, err := base64.StdEncoding.DecodeString(x.Content)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"A7": "1", "I7": "7000", "I10": "200000", "D7": "0", "I11": "224000", "I12": "209000", "I13": "15000"} {
		typ, err := f.GetCellType(report.SheetFeeBook, cell)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := f.GetCellValue(report.SheetFeeBook, cell, excelize.Options{RawCellValue: true})
		if got != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s = %q (type %v), want the number %s", cell, got, typ, want)
		}
	}
	if got, _ := f.GetCellValue(report.SheetFeeBook, "B7"); got != "38001-26-0-000001" {
		t.Errorf("B7 = %q", got)
	}
	rows, err := f.GetRows(report.SheetFeeDays)
	if err != nil || len(rows) != 4 || rows[3][0] != "Tổng cộng" {
		t.Fatalf("the days' sheet: %v %v", rows, err)
	}

	for _, c := range []struct {
		req   FeeBookRequest
		field string
	}{
		{FeeBookRequest{From: "01/12/2026", To: "2026-12-02"}, "from"},
		{FeeBookRequest{From: "2026-12-02", To: "2026-12-01"}, "to"},
		{FeeBookRequest{Desk: 10, From: "2026-12-01", To: "2026-12-02"}, "desk"},
		{FeeBookRequest{Desk: -2, From: "2026-12-01", To: "2026-12-02"}, "desk"},
	} {
		if err := s.call(t, s.clerk, "Fees.Book", c.req, nil); err == nil || err.Field != c.field {
			t.Errorf("%+v: got %v, want a field error on %s", c.req, err, c.field)
		}
	}
}

// copyFee makes 1.004837's fee the copy certification's: 2.000 đ a page,
// 1.000 đ from page 3, at most 200.000 đ a copy, free for the poor.
func (s *staffEnv) copyFee(t *testing.T) {
	t.Helper()
	var p ProcedureReply
	s.mustCall(t, s.admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &p)
	p.Procedure.Fee = &catalog.FeeRule{
		Kind: catalog.FeePerPage, VNDPerPage: 2000, FromPage: 3, VNDPerPageAfter: 1000, MaxVNDPerCopy: 200000,
		Exemptions: []string{"Hộ nghèo"}, Basis: "Thông tư 226/2016/TT-BTC",
	}
	s.mustCall(t, s.admin, "Catalog.Save", SaveProcedureRequest{Procedure: p.Procedure}, nil)
}

func (s *staffEnv) receiveWithFee(t *testing.T, name string, fee catalog.FeeInput) (ReceiveReply, *Error) {
	t.Helper()
	var r ReceiveReply
	err := s.call(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
		Procedure: "1.004837", Applicant: dossier.Applicant{FullName: name, CitizenID: "038095001234"},
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}}, Fee: fee,
	}, &r)
	return r, err
}

func TestReceptionQuotesTheFeeAndThePaymentCollectsIt(t *testing.T) {
	s := newStaff(t)
	s.copyFee(t)
	s.now = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)

	// 5 pages × 1 copy = 2 × 2.000 + 3 × 1.000 = 7.000 đ, on the receipt.
	r, err := s.receiveWithFee(t, "Nguyễn Thị Hồng Nhung", catalog.FeeInput{Pages: 5, Copies: 1})
	if err != nil {
		t.Fatal(err)
	}
	q := r.Dossier.FeeQuote
	if q == nil || q.AmountVND != 7000 || q.Pages != 5 || q.Kind != catalog.FeePerPage || !strings.Contains(q.Text, "7.000 đ") {
		t.Fatalf("the quote: %+v", q)
	}
	var form FormReply
	s.mustCall(t, s.clerk, "Print.Form", FormRequest{Form: "receipt", Code: r.Code}, &form)
	if text := strings.Join(strings.Fields(replyText(t, form)), " "); !strings.Contains(text, "7.000 đồng (5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ)") {
		t.Errorf("the receipt does not state the fee:\n%s", text)
	}
	// Paid without an amount: the amount quoted.
	var st FeeStatus
	s.mustCall(t, s.clerk, "Fees.Pay", PayRequest{Code: r.Code, Method: dossier.MethodCash}, &st)
	if st.PaidVND != 7000 || st.AskedVND != 7000 || st.Receipt != "38001-26-0-000001" {
		t.Fatalf("paying the quote: %+v", st)
	}

	for _, c := range []struct {
		name  string
		fee   catalog.FeeInput
		quote *dossier.FeeQuoteRecord
		field string
	}{
		{"two copies of 250 pages, capped per copy", catalog.FeeInput{Pages: 250, Copies: 2}, &dossier.FeeQuoteRecord{AmountVND: 400000}, ""},
		{"an exemption of the rule", catalog.FeeInput{Pages: 5, Exemption: "hộ nghèo"}, &dossier.FeeQuoteRecord{AmountVND: 0}, ""},
		{"no fee input from an old client", catalog.FeeInput{}, nil, ""},
		{"copies without pages", catalog.FeeInput{Copies: 2}, nil, "fee.pages"},
		{"an exemption the rule lacks", catalog.FeeInput{Pages: 5, Exemption: "Người cao tuổi"}, nil, "fee.exemption"},
		{"negative pages", catalog.FeeInput{Pages: -1}, nil, "fee.pages"},
	} {
		r, err := s.receiveWithFee(t, "Trần Văn Bình", c.fee)
		switch {
		case c.field != "":
			if err == nil || err.Code != CodeInvalidInput || err.Field != c.field {
				t.Errorf("%s: got %v, want a field error on %s", c.name, err, c.field)
			}
		case err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.quote == nil && r.Dossier.FeeQuote != nil:
			t.Errorf("%s: quoted %+v", c.name, r.Dossier.FeeQuote)
		case c.quote != nil && (r.Dossier.FeeQuote == nil || r.Dossier.FeeQuote.AmountVND != c.quote.AmountVND):
			t.Errorf("%s: quoted %+v, want %d", c.name, r.Dossier.FeeQuote, c.quote.AmountVND)
		}
	}
}

// TestQuoteIsTheFeeReceptionRecords: Fees.Quote, called while the clerk
// types, gives the amount and working reception then records for the same
// input, and the same field errors; it records nothing.
func TestQuoteIsTheFeeReceptionRecords(t *testing.T) {
	s := newStaff(t)
	s.copyFee(t)
	s.now = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	online := int64(20000)

	for _, c := range []struct {
		name    string
		fixed   bool // the rule is 25.000 đ a copy, 20.000 đ online
		req     QuoteRequest
		want    QuoteReply
		field   string
		receive bool // reception records the same quote
	}{
		{name: "5 pages, 1 copy", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 5, Copies: 1}},
			want: QuoteReply{Quoted: true, AmountVND: 7000, Text: "5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ = 7.000 đ", Kind: catalog.FeePerPage}, receive: true},
		{name: "2 pages, copies left empty", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 2}},
			want: QuoteReply{Quoted: true, AmountVND: 4000, Text: "2 trang × 2.000 đ = 4.000 đ", Kind: catalog.FeePerPage}, receive: true},
		{name: "250 pages, 2 copies, capped per copy", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 250, Copies: 2}},
			want: QuoteReply{Quoted: true, AmountVND: 400000, Kind: catalog.FeePerPage}, receive: true},
		{name: "an exemption of the rule, in another case", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 5, Exemption: "hộ nghèo"}},
			want: QuoteReply{Quoted: true, AmountVND: 0, Text: "Miễn lệ phí: Hộ nghèo", Kind: catalog.FeePerPage}, receive: true},
		{name: "nothing typed yet", req: QuoteRequest{Procedure: "1.004837"},
			want: QuoteReply{Kind: catalog.FeePerPage}, receive: true},
		{name: "copies without pages", req: QuoteRequest{Fee: catalog.FeeInput{Copies: 2}}, field: "fee.pages"},
		{name: "negative pages", req: QuoteRequest{Fee: catalog.FeeInput{Pages: -1}}, field: "fee.pages"},
		{name: "too many copies", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 1, Copies: catalog.MaxFeeCopies + 1}}, field: "fee.copies"},
		{name: "an exemption the rule lacks", req: QuoteRequest{Fee: catalog.FeeInput{Pages: 5, Exemption: "Người cao tuổi"}}, field: "fee.exemption"},
		{name: "no such procedure", req: QuoteRequest{Procedure: "9.999999", Fee: catalog.FeeInput{Pages: 5}}, field: "procedure"},
		{name: "no such channel", req: QuoteRequest{Channel: "fax", Fee: catalog.FeeInput{Pages: 5}}, field: "channel"},
		{name: "fixed, in person", fixed: true, req: QuoteRequest{Fee: catalog.FeeInput{Copies: 3}},
			want: QuoteReply{Quoted: true, AmountVND: 75000, Text: "25.000 đ/bản × 3 = 75.000 đ", Kind: catalog.FeeFixed}, receive: true},
		{name: "fixed, online and cheaper", fixed: true, req: QuoteRequest{Channel: dossier.ChannelOnline},
			want: QuoteReply{Quoted: true, AmountVND: 20000, Text: "20.000 đ/bản (nộp trực tuyến)", Kind: catalog.FeeFixed}, receive: true},
	} {
		if c.fixed {
			s.saveTestProcedure(t, func(p *catalog.Procedure) {
				p.Fee = &catalog.FeeRule{Kind: catalog.FeeFixed, VND: 25000, Per: "bản", Online: &online, Basis: "Nghị quyết của HĐND tỉnh"}
			})
		}
		if c.req.Procedure == "" {
			c.req.Procedure = "1.004837"
		}
		var got QuoteReply
		err := s.call(t, s.clerk, "Fees.Quote", c.req, &got)
		if c.field != "" {
			if err == nil || err.Code != CodeInvalidInput || err.Field != c.field {
				t.Errorf("%s: got %v, want a field error on %s", c.name, err, c.field)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.want.Text == "" && c.want.Quoted {
			c.want.Text = got.Text
		}
		if got != c.want {
			t.Errorf("%s: quoted %+v, want %+v", c.name, got, c.want)
		}
		if !c.receive {
			continue
		}
		var r ReceiveReply
		s.mustCall(t, s.clerk, "Dossiers.Receive", ReceiveRequest{
			Procedure: c.req.Procedure, Channel: c.req.Channel, Fee: c.req.Fee,
			Applicant: dossier.Applicant{FullName: "Trần Văn Bình", CitizenID: "038095001234"},
			Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
		}, &r)
		switch q := r.Dossier.FeeQuote; {
		case !got.Quoted && q != nil:
			t.Errorf("%s: reception quoted %+v, Fees.Quote nothing", c.name, q)
		case got.Quoted && (q == nil || q.AmountVND != got.AmountVND || q.Text != got.Text):
			t.Errorf("%s: reception quoted %+v, Fees.Quote %+v", c.name, q, got)
		}
	}

	// Anyone logged in may ask; nobody else.
	if err := s.call(t, s.officer, "Fees.Quote", QuoteRequest{Procedure: "1.004837"}, nil); err != nil {
		t.Errorf("an officer: %v", err)
	}
	if err := s.call(t, "", "Fees.Quote", QuoteRequest{Procedure: "1.004837"}, nil); err == nil {
		t.Error("a quote without a session")
	}
}
