package report

import (
	"cmp"
	"slices"
	"strconv"
	"time"

	"hoso/calendar"
)

// The fee book (sổ theo dõi thu phí, lệ phí) lists the fees a one-stop
// desk collected in a period, one row per receipt issued, in the order
// they were paid, with a subtotal per day and the period's totals by
// method of payment: what the cash in the drawer and the transfers on the
// office's account are reconciled against at the end of each day.
//
// Every receipt recorded is listed, also one whose event a dossier's fold
// set aside as a conflict (two desks offline settling the same request):
// money was taken, so the book must show it.

// Payment methods as the fee book names them (dossier.Method's values).
const (
	FeeCash     = "cash"
	FeeTransfer = "transfer"
)

// FeeEntry is one receipt of the fee book.
type FeeEntry struct {
	// No numbers the entries of the book from 1.
	No      int       `json:"no"`
	Receipt string    `json:"receipt"`
	PaidAt  time.Time `json:"paidAt"`
	// Day is the day paid, YYYY-MM-DD in Vietnam time.
	Day       string `json:"day"`
	Desk      int    `json:"desk"`
	Code      string `json:"code"`
	Applicant string `json:"applicant"`
	Procedure string `json:"procedure"`
	// Method is "cash" or "transfer" ("" for a payment recorded before
	// methods were).
	Method    string `json:"method"`
	AmountVND int64  `json:"amountVND"`
	// Clerk is the user who recorded the payment, ClerkName their name.
	Clerk     string `json:"clerk"`
	ClerkName string `json:"clerkName"`
	// Event is the ID of the payment's signed event.
	Event string `json:"event"`
}

// FeeTotal sums entries: how many, in cash, by transfer, in all.
type FeeTotal struct {
	Count       int   `json:"count"`
	CashVND     int64 `json:"cashVND"`
	TransferVND int64 `json:"transferVND"`
	TotalVND    int64 `json:"totalVND"`
}

// add counts one entry.
func (t *FeeTotal) add(e FeeEntry) {
	t.Count++
	t.TotalVND += e.AmountVND
	switch e.Method {
	case FeeTransfer:
		t.TransferVND += e.AmountVND
	default:
		// A payment recorded before methods were was taken at the desk.
		t.CashVND += e.AmountVND
	}
}

// FeeDay is one day's subtotal.
type FeeDay struct {
	Day string `json:"day"`
	FeeTotal
}

// FeeBook is a fee book: whose, which period, the entries and their sums.
type FeeBook struct {
	// Office is the office's code, OfficeName, ParentName and Place how
	// its header prints.
	Office     string `json:"office"`
	OfficeName string `json:"officeName"`
	ParentName string `json:"parentName"`
	Place      string `json:"place"`
	// Desk is the desk whose receipts are listed, -1 for every desk.
	Desk int `json:"desk"`
	// From and To are the first and last day, YYYY-MM-DD.
	From    string     `json:"from"`
	To      string     `json:"to"`
	Entries []FeeEntry `json:"entries"`
	Days    []FeeDay   `json:"days"`
	Total   FeeTotal   `json:"total"`
	// GeneratedAt is when the book was read; Verify the text of its QR
	// code.
	GeneratedAt time.Time `json:"generatedAt"`
	Verify      string    `json:"verify"`
}

// SortFeeEntries puts entries in book order: by time paid, then by receipt
// number.
func SortFeeEntries(entries []FeeEntry) {
	slices.SortStableFunc(entries, func(a, b FeeEntry) int {
		return cmp.Or(a.PaidAt.Compare(b.PaidAt), cmp.Compare(a.Receipt, b.Receipt), cmp.Compare(a.Event, b.Event))
	})
}

// NewFeeBook returns the book of entries: sorted in book order, numbered,
// each with its day, and summed per day and in all. The other fields are
// the caller's to fill in.
func NewFeeBook(entries []FeeEntry) FeeBook {
	b := FeeBook{Entries: slices.Clone(entries), Days: []FeeDay{}}
	if b.Entries == nil {
		b.Entries = []FeeEntry{}
	}
	SortFeeEntries(b.Entries)
	for i := range b.Entries {
		e := &b.Entries[i]
		e.No = i + 1
		e.Day = e.PaidAt.In(calendar.Zone).Format(time.DateOnly)
		if n := len(b.Days); n == 0 || b.Days[n-1].Day != e.Day {
			b.Days = append(b.Days, FeeDay{Day: e.Day})
		}
		b.Days[len(b.Days)-1].add(*e)
		b.Total.add(*e)
	}
	return b
}

// MethodVN names a method of payment in Vietnamese.
func MethodVN(m string) string {
	switch m {
	case FeeCash:
		return "Tiền mặt"
	case FeeTransfer:
		return "Chuyển khoản"
	}
	return ""
}

// DeskVN names the desk a fee book lists: "Quầy số 2", or "Tất cả các
// quầy" for -1.
func DeskVN(desk int) string {
	if desk < 0 {
		return "Tất cả các quầy"
	}
	return "Quầy số " + strconv.Itoa(desk)
}
