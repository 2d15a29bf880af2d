package dossier

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"hoso/catalog"
)

// Fee receipts (biên lai thu phí, lệ phí).
//
// A fee the desk collects is recorded with a receipt number from the
// desk's own series, so that two desks of one office working offline never
// issue the same number and a number is never reused:
//
//	<agency>-<YY>-<desk>-<nnnnnn>    e.g. 38001-26-2-000017
//
// the receiving agency's id (as in dossier codes), the year's last two
// digits, the desk's index (0–MaxDesk, as in dossier codes) and the desk's
// count of receipts in that year, from 1, six digits so that the numbers
// sort in the order issued. The count is kept with the events that issue
// the numbers (the app's fee index), never in a local counter that a
// restore could roll back.
const (
	// MaxReceiptsPerDesk is the most receipts one desk issues in a year.
	MaxReceiptsPerDesk = 999999
)

// Method is how a fee was paid.
type Method string

// The methods of payment the desk records.
const (
	// MethodCash is cash at the desk.
	MethodCash Method = "cash"
	// MethodTransfer is a bank transfer (or a payment platform) to the
	// office's account.
	MethodTransfer Method = "transfer"
)

// Valid reports whether m is one of the methods.
func (m Method) Valid() bool { return m == MethodCash || m == MethodTransfer }

// Receipt is a parsed receipt number.
type Receipt struct {
	Agency string
	Year   int
	Desk   int
	N      int
}

var receiptRE = regexp.MustCompile(`^([A-Za-z0-9.]{1,32})-(\d{2})-(\d)-(\d{6})$`)

// String writes the receipt number.
func (r Receipt) String() string {
	return fmt.Sprintf("%s-%02d-%d-%06d", r.Agency, r.Year%100, r.Desk, r.N)
}

// ReceiptPrefix is the start every receipt number of a desk's series for a
// year shares: "38001-26-2-". The numbers of one series sort as issued.
func ReceiptPrefix(agency string, year, desk int) string {
	return fmt.Sprintf("%s-%02d-%d-", agency, year%100, desk)
}

// NewReceipt returns the n-th receipt number of the year at desk, checking
// the agency id, the year (2000–2099), the desk (0–MaxDesk) and n
// (1–MaxReceiptsPerDesk; beyond it CodeDeskExhausted).
func NewReceipt(agency string, year, desk, n int) (string, error) {
	switch {
	case !agencyRE.MatchString(agency):
		return "", ruleErr(CodeBadValue, "%q is not an agency id", agency).with("field", "receipt")
	case year < 2000 || year > 2099:
		return "", ruleErr(CodeBadValue, "%d is not a year a receipt number can hold", year).with("field", "receipt")
	case desk < 0 || desk > MaxDesk:
		return "", ruleErr(CodeDeskRange, "desk %d is not between 0 and %d", desk, MaxDesk).with("desk", itoa(desk))
	case n > MaxReceiptsPerDesk:
		return "", ruleErr(CodeDeskExhausted, "desk %d has issued its %d receipts for %d", desk, MaxReceiptsPerDesk, year).
			with("desk", itoa(desk)).with("limit", itoa(MaxReceiptsPerDesk))
	case n < 1:
		return "", ruleErr(CodeBadValue, "receipt number %d is not positive", n).with("field", "receipt")
	}
	return Receipt{Agency: agency, Year: year, Desk: desk, N: n}.String(), nil
}

// ParseReceipt reads a receipt number; the year is 2000 + YY.
func ParseReceipt(s string) (Receipt, error) {
	m := receiptRE.FindStringSubmatch(s)
	if m == nil {
		return Receipt{}, ruleErr(CodeBadValue, "%q is not a receipt number <agency>-YY-D-NNNNNN", s).with("field", "receipt")
	}
	yy, _ := strconv.Atoi(m[2])
	desk, _ := strconv.Atoi(m[3])
	n, _ := strconv.Atoi(m[4])
	if n < 1 {
		return Receipt{}, ruleErr(CodeBadValue, "%q: receipt numbers start at 1", s).with("field", "receipt")
	}
	return Receipt{Agency: m[1], Year: 2000 + yy, Desk: desk, N: n}, nil
}

// validatePaymentReceived checks a payment: an amount, a method, and a
// receipt number of the dossier's agency for the year of the payment.
func validatePaymentReceived(d *Dossier, b *PaymentReceived, now time.Time) *RuleError {
	if b.AmountVND <= 0 || b.AmountVND > catalog.MaxFeeVND {
		return badValue("amountVND", "%d is not an amount paid", b.AmountVND)
	}
	if !b.Method.Valid() {
		return badValue("method", "%q is neither %q nor %q", b.Method, MethodCash, MethodTransfer)
	}
	r, err := ParseReceipt(b.Receipt)
	if err != nil {
		return badValue("receipt", "%q is not a receipt number <agency>-YY-D-NNNNNN", b.Receipt)
	}
	if d != nil && d.Agency != "" && r.Agency != d.Agency {
		return badValue("receipt", "receipt %s is not of agency %s, which received the dossier", b.Receipt, d.Agency)
	}
	if y := inZone(now).Year(); r.Year != y {
		return badValue("receipt", "receipt %s is not of the year %d", b.Receipt, y)
	}
	return nil
}

// FeeQuoteRecord is the fee computed at reception with the procedure's
// fee rule (catalog.FeeRule.Compute): the amount asked, how it was
// computed in Vietnamese ("5 trang: 2 trang × 2.000 đ + 3 trang × 1.000 đ
// = 7.000 đ"), and what it was computed from. The receipt prints it, and
// Fees.Pay asks it when the clerk gives no other amount.
type FeeQuoteRecord struct {
	AmountVND int64  `json:"amountVND"`
	Text      string `json:"text"`
	// Kind is the rule's kind (free, fixed, per_page, provincial).
	Kind string `json:"kind,omitempty"`
	// Pages, Copies and Exemption are the inputs given at reception.
	Pages     int    `json:"pages,omitempty"`
	Copies    int    `json:"copies,omitempty"`
	Exemption string `json:"exemption,omitempty"`
}

// validateFeeQuote checks a reception's fee quote, when it has one.
func validateFeeQuote(q *FeeQuoteRecord) *RuleError {
	if q == nil {
		return nil
	}
	if q.AmountVND < 0 || q.AmountVND > catalog.MaxFeeVND {
		return badValue("feeQuote.amountVND", "%d is not a fee", q.AmountVND)
	}
	if q.Pages < 0 || q.Copies < 0 {
		return badValue("feeQuote", "pages and copies are not negative")
	}
	return texts(map[string]string{"feeQuote.text": q.Text, "feeQuote.exemption": q.Exemption})
}
