package dossier

import (
	"bytes"
	"fmt"
	"slices"
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
	// IndexStatus holds the status + 0x00.
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
)

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
	text(IndexStatus, string(d.Status))
	for _, o := range d.Offices {
		text(IndexOffice, o)
	}
	text(IndexHolder, d.Holder.Office)
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
