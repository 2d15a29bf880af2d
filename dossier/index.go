package dossier

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
)

// The secondary indexes of the dossier projection, every key's layout in
// one place. A text key ends with a 0x00 byte, so that a scan for the key
// with its terminator finds it exactly and a scan without it finds every key
// it begins ("nguyen thi h" finds "nguyen thi hong\x00"); the store appends
// the subject after the key. Dates are written YYYYMMDD in ASCII, fixed
// width, so keys sort by date.
const (
	// IndexCode holds the dossier code + 0x00.
	IndexCode = "code"
	// IndexName holds the folded names (FoldName) of the applicant (a
	// person's or an organisation's) and of its representative, each from
	// each of its words onwards, each + 0x00: "nguyen thi hong", "thi hong",
	// "hong".
	IndexName = "name"
	// IndexCitizen holds the identifiers of the dossier's parties, each +
	// 0x00, when given: the applicant's personal identification number or
	// organisation's identifier ("2801234567", "2801234567-001") and the
	// representative's personal identification number. One index, so that
	// a query of digits finds the dossier whichever party it names.
	IndexCitizen = "citizen"
	// IndexProcedure holds the procedure code + 0x00.
	IndexProcedure = "procedure"
	// IndexStatus holds the status + 0x00 + the day of reception
	// YYYYMMDD: a status's dossiers in the order they came, so the queue
	// reads its oldest few and the list its newest page without reading
	// every dossier in that status (a desk's unreturned results grow
	// with the years).
	IndexStatus = "status"
	// IndexOffice holds each office involved + 0x00.
	IndexOffice = "office"
	// IndexHolder holds the holding office + 0x00.
	IndexHolder = "holder"
	// IndexDue holds the due day YYYYMMDD, only while the due date runs (the
	// office owes a result and is not waiting for a supplement): scanning up to
	// today lists the overdue and due-soon dossiers.
	IndexDue = "due"
	// IndexReceived holds the day of reception YYYYMMDD.
	IndexReceived = "received"
	// IndexConflict holds "open" + 0x00 while the dossier has open conflicts.
	IndexConflict = "conflict"
	// IndexDigits holds what a clerk types from a paper or a phone call,
	// each + 0x00: the code's tail without its agency ("261207-0002") and
	// its number ("0002"), and every tail of at least MinDigits digits of
	// the parties' identifiers and of the applicant's phone number (digits
	// only, "+84" read as "0"): "038095001234", "38095001234", …, "1234".
	// A scan for a prefix of these tails finds every number containing the
	// query, so "5001", "0912345678" and "345678" all find the dossier.
	IndexDigits = "digits"
	// IndexReceiver holds the user who received the dossier + 0x00 + the
	// day of reception YYYYMMDD: a scan of one clerk's prefix, backwards,
	// lists what they received, newest first, and stops at a date.
	IndexReceiver = "receiver"
)

// MinDigits is the shortest run of digits IndexDigits finds inside an
// identifier or a phone number: three digits would match most dossiers.
const MinDigits = 4

// IndexKeys returns the index entries the store keeps for d: for each index
// above, its keys, sorted and without duplicates. A dossier not yet received
// has only its conflicts indexed.
func IndexKeys(d Dossier) map[string][][]byte {
	out := map[string][][]byte{}
	text := func(index, s string) {
		if s != "" {
			out[index] = append(out[index], append([]byte(s), 0))
		}
	}
	if len(d.Conflicts) > 0 {
		text(IndexConflict, "open")
	}
	if d.Status == StatusNone {
		return out
	}
	text(IndexCode, d.Code)
	for _, s := range nameSuffixes(FoldName(d.Applicant.FullName)) {
		text(IndexName, s)
	}
	text(IndexCitizen, d.Applicant.CitizenID)
	text(IndexCitizen, d.Applicant.OrgID)
	if r := d.Applicant.Representative; r != nil {
		for _, s := range nameSuffixes(FoldName(r.FullName)) {
			text(IndexName, s)
		}
		text(IndexCitizen, r.CitizenID)
	}
	text(IndexProcedure, d.Procedure.Code)
	status := append([]byte(d.Status), 0)
	if !d.ReceivedAt.IsZero() {
		status = append(status, DayKey(d.ReceivedAt)...)
	}
	out[IndexStatus] = [][]byte{status}
	for _, o := range d.Offices {
		text(IndexOffice, o)
	}
	text(IndexHolder, d.Holder.Office)
	if tail, number, ok := codeTail(d.Code); ok {
		text(IndexDigits, tail)
		text(IndexDigits, number)
	}
	for _, id := range []string{d.Applicant.CitizenID, d.Applicant.OrgID, d.Applicant.Phone, representativeID(d.Applicant)} {
		for _, s := range digitTails(Digits(id)) {
			text(IndexDigits, s)
		}
	}
	if by := d.ReceivedBy(); by != "" && !d.ReceivedAt.IsZero() {
		out[IndexReceiver] = [][]byte{append(append([]byte(by), 0), DayKey(d.ReceivedAt)...)}
	}
	if d.clockRuns() {
		out[IndexDue] = [][]byte{DayKey(d.Due)}
	}
	if !d.ReceivedAt.IsZero() {
		out[IndexReceived] = [][]byte{DayKey(d.ReceivedAt)}
	}
	for k, keys := range out {
		slices.SortFunc(keys, bytes.Compare)
		out[k] = slices.CompactFunc(keys, bytes.Equal)
	}
	return out
}

// DayKey returns the index key of t's day in Vietnam: YYYYMMDD in ASCII.
func DayKey(t time.Time) []byte {
	d := calendar.DateOf(t)
	return fmt.Appendf(nil, "%04d%02d%02d", d.Year, int(d.Month), d.Day)
}

// ReceivedBy returns the user who received the dossier at the desk: the
// one the first step handed it to ("" for a dossier not received).
func (d Dossier) ReceivedBy() string {
	if len(d.Steps) == 0 || d.Steps[0].Kind != KindReceived {
		return ""
	}
	return d.Steps[0].To.Officer
}

// Digits returns the digits of a typed number with its separators (spaces,
// dots, hyphens, brackets) left out and a leading "+84" country code read
// as the trunk "0" ("+84 912 345 678" is "0912345678"), or "" when s
// holds anything else (a letter): such a text is not a number.
func Digits(s string) string {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "+84"); ok {
		s = "0" + rest
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')':
		default:
			return ""
		}
	}
	return b.String()
}

// digitTails returns every tail of digits at least MinDigits long, longest
// first: "0912345678", "912345678", …, "5678".
func digitTails(digits string) []string {
	var out []string
	for i := 0; len(digits)-i >= MinDigits; i++ {
		out = append(out, digits[i:])
	}
	return out
}

// codeTail splits a dossier code <agency>-YYMMDD-XXXX into its tail
// "YYMMDD-XXXX" and its number "XXXX".
func codeTail(code string) (tail, number string, ok bool) {
	m := codeRE.FindStringSubmatch(code)
	if m == nil {
		return "", "", false
	}
	return m[2] + m[3] + m[4] + "-" + m[5], m[5], true
}

func representativeID(a Applicant) string {
	if a.Representative == nil {
		return ""
	}
	return a.Representative.CitizenID
}
