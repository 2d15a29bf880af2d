package dossier

import (
	"testing"
	"time"

	"hoso/calendar"
)

func TestReceiptNumbers(t *testing.T) {
	for _, c := range []struct {
		agency        string
		year, desk, n int
		want, code    string
	}{
		{"38001", 2026, 0, 1, "38001-26-0-000001", ""},
		{"38001", 2026, 2, 17, "38001-26-2-000017", ""},
		{"H38.1", 2099, 9, MaxReceiptsPerDesk, "H38.1-99-9-999999", ""},
		{"38001", 2026, 0, MaxReceiptsPerDesk + 1, "", CodeDeskExhausted},
		{"38001", 2026, 10, 1, "", CodeDeskRange},
		{"38001", 2026, -1, 1, "", CodeDeskRange},
		{"38001", 2026, 0, 0, "", CodeBadValue},
		{"38001", 1999, 0, 1, "", CodeBadValue},
		{"38-001", 2026, 0, 1, "", CodeBadValue},
	} {
		got, err := NewReceipt(c.agency, c.year, c.desk, c.n)
		if got != c.want || CodeOf(err) != c.code {
			t.Errorf("NewReceipt(%q, %d, %d, %d) = %q, %v; want %q, %s", c.agency, c.year, c.desk, c.n, got, err, c.want, c.code)
			continue
		}
		if err != nil {
			continue
		}
		r, err := ParseReceipt(got)
		if err != nil || r != (Receipt{Agency: c.agency, Year: c.year, Desk: c.desk, N: c.n}) || r.String() != got {
			t.Errorf("ParseReceipt(%q) = %+v, %v", got, r, err)
		}
		if p := ReceiptPrefix(c.agency, c.year, c.desk); got[:len(p)] != p {
			t.Errorf("%s does not start with its series' prefix %s", got, p)
		}
	}
	for _, s := range []string{"", "38001-26-0-1", "38001-26-00-000001", "38001-2026-0-000001", "38001-26-0-000000", "38001-26-0-0000001", "38001 26 0 000001"} {
		if _, err := ParseReceipt(s); CodeOf(err) != CodeBadValue {
			t.Errorf("ParseReceipt(%q): %v", s, err)
		}
	}
	// Six digits keep a series in the order issued.
	a, _ := NewReceipt("38001", 2026, 0, 9)
	b, _ := NewReceipt("38001", 2026, 0, 10)
	if a >= b {
		t.Errorf("%s sorts after %s", a, b)
	}
}

func TestValidatePaymentReceived(t *testing.T) {
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, calendar.Zone)
	d := &Dossier{Agency: "38001"}
	ok := PaymentReceived{AmountVND: 7000, Method: MethodCash, Receipt: "38001-26-0-000001"}
	for _, c := range []struct {
		name  string
		edit  func(b *PaymentReceived)
		field string
	}{
		{"a good payment", func(*PaymentReceived) {}, ""},
		{"by transfer", func(b *PaymentReceived) { b.Method = MethodTransfer }, ""},
		{"nothing paid", func(b *PaymentReceived) { b.AmountVND = 0 }, "amountVND"},
		{"no method", func(b *PaymentReceived) { b.Method = "" }, "method"},
		{"an unknown method", func(b *PaymentReceived) { b.Method = "card" }, "method"},
		{"no receipt", func(b *PaymentReceived) { b.Receipt = "" }, "receipt"},
		{"a malformed receipt", func(b *PaymentReceived) { b.Receipt = "BL-0001" }, "receipt"},
		{"another agency's receipt", func(b *PaymentReceived) { b.Receipt = "38002-26-0-000001" }, "receipt"},
		{"last year's receipt", func(b *PaymentReceived) { b.Receipt = "38001-25-0-000001" }, "receipt"},
	} {
		b := ok
		c.edit(&b)
		err := validatePaymentReceived(d, &b, now)
		switch {
		case c.field == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.field != "" && (err == nil || err.Params["field"] != c.field):
			t.Errorf("%s: got %v, want an error on %s", c.name, err, c.field)
		}
	}
}

func TestValidateFeeQuote(t *testing.T) {
	for _, c := range []struct {
		q    *FeeQuoteRecord
		okay bool
	}{
		{nil, true},
		{&FeeQuoteRecord{AmountVND: 7000, Text: "5 trang", Pages: 5, Copies: 1}, true},
		{&FeeQuoteRecord{AmountVND: 0, Text: "Miễn lệ phí"}, true},
		{&FeeQuoteRecord{AmountVND: -1}, false},
		{&FeeQuoteRecord{AmountVND: 1, Pages: -1}, false},
	} {
		if err := validateFeeQuote(c.q); (err == nil) != c.okay {
			t.Errorf("%+v: %v", c.q, err)
		}
	}
}
