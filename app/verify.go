package app

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"hoso/store"
)

// VerifyStatus is the verdict of Records.Verify on a printed document.
type VerifyStatus string

// The verdicts of Records.Verify.
const (
	// VerifyMatch: this node holds exactly the events the document was
	// printed from.
	VerifyMatch VerifyStatus = "match"
	// VerifyChanged: the document's events are all here, and later ones
	// were added since it was printed (Added lists them).
	VerifyChanged VerifyStatus = "changed"
	// VerifyDiffers: the events here do not contain what the document was
	// printed from: altered, replaced, or a history this node does not
	// share.
	VerifyDiffers VerifyStatus = "differs"
	// VerifyUnknown: this node has no such record.
	VerifyUnknown VerifyStatus = "unknown"
)

var verifyHash = regexp.MustCompile(`^[0-9a-f]{32}$`)

// VerifyRequest carries the text of a printed QR code.
type VerifyRequest struct {
	Text string `json:"text"`
}

// AddedEvent is an event recorded after a document was printed.
type AddedEvent struct {
	Kind   string    `json:"kind"`
	At     time.Time `json:"at"`
	Actor  string    `json:"actor"`
	Office string    `json:"office"`
}

// VerifyReply says whether a printed document still matches the records.
type VerifyReply struct {
	Status        VerifyStatus `json:"status"`
	Office        string       `json:"office"`
	Subject       string       `json:"subject"`
	PrintedEvents int          `json:"printedEvents"`
	CurrentEvents int          `json:"currentEvents"`
	Added         []AddedEvent `json:"added"`
	// Details explains a verdict in words, for a set of records (a book
	// or a report) whose members cannot be listed from the QR text alone.
	Details []string `json:"details,omitempty"`
}

// Verify checks a printed document's QR text against this node's records:
// match, changed (later events added, listed), differs, or unknown here.
func (r *Records) Verify(req VerifyRequest) (VerifyReply, error) {
	parts := strings.Split(strings.TrimSpace(req.Text), "|")
	if len(parts) != 5 || parts[0] != verifyPrefix || parts[2] == "" || !verifyHash.MatchString(parts[4]) {
		return VerifyReply{}, FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	}
	n, err := strconv.Atoi(parts[3])
	if err != nil || n < 1 {
		return VerifyReply{}, FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	}
	out := VerifyReply{Office: parts[1], Subject: parts[2], PrintedEvents: n, Added: []AddedEvent{}}
	d, err := r.core.Deps()
	if err != nil {
		return VerifyReply{}, err
	}
	if strings.HasPrefix(out.Subject, bookPrefix) {
		return verifyBook(d.Store, out, parts[4])
	}
	if strings.HasPrefix(out.Subject, feeBookPrefix) {
		return verifyFeeBook(d.Store, out, parts[4])
	}
	if strings.HasPrefix(out.Subject, isoYearPrefix) && r.iso != nil {
		return r.iso.verifyYearReport(out, parts[4])
	}
	if strings.HasPrefix(out.Subject, "report/ii06a/") && r.reports != nil {
		return r.reports.verifyReport(out, parts[4])
	}
	if strings.HasPrefix(out.Subject, "report/index766/") && r.reports != nil {
		return r.reports.verifyIndex(out, parts[4])
	}
	evs, err := d.Store.Events(out.Subject)
	switch {
	case errors.Is(err, store.ErrTampered):
		out.Status = VerifyDiffers
		return out, nil
	case err != nil:
		return VerifyReply{}, Wrap(CodeInternal, err, "reading the records")
	}
	out.CurrentEvents = len(evs)
	switch {
	case len(evs) == 0:
		out.Status = VerifyUnknown
	case len(evs) < n || eventsHash(evs, n) != parts[4]:
		out.Status = VerifyDiffers
	case len(evs) == n:
		out.Status = VerifyMatch
	default:
		out.Status = VerifyChanged
		for _, e := range evs[n:] {
			out.Added = append(out.Added, AddedEvent{Kind: e.Kind, At: e.HLC.Time(), Actor: e.Actor, Office: e.Owner})
		}
	}
	return out, nil
}

// verifyBook checks a printed tracking book: the same dossiers with the
// same events give the same hash. A book printed before its period ended,
// or before its dossiers were done, differs once they move on; the counts
// say how.
func verifyBook(st *store.Store, out VerifyReply, hash string) (VerifyReply, error) {
	rest := strings.Split(strings.TrimPrefix(out.Subject, bookPrefix), "/")
	if (len(rest) != 3 && len(rest) != 4) || rest[0] != out.Office {
		return VerifyReply{}, FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	}
	book := ""
	if len(rest) == 4 {
		book = rest[3]
	}
	from, to, err := bookPeriod(rest[1], rest[2])
	if err != nil {
		return VerifyReply{}, FieldError("text", "this is not the QR text of a document printed by Hồ Sơ Một Cửa")
	}
	if _, err := getOffice(st, out.Office); err != nil {
		out.Status = VerifyUnknown
		return out, nil
	}
	entries, err := bookEntries(st, out.Office, book, from, to)
	if err != nil {
		return VerifyReply{}, err
	}
	out.CurrentEvents = len(entries)
	now, err := bookHash(st, entries)
	if err != nil {
		var e *Error
		if errors.As(err, &e) && e.Code == CodeTampered {
			out.Status = VerifyDiffers
			out.Details = []string{e.Message}
			return out, nil
		}
		return VerifyReply{}, err
	}
	switch {
	case now == hash:
		out.Status = VerifyMatch
	case len(entries) == 0:
		out.Status = VerifyUnknown
	default:
		out.Status = VerifyDiffers
		out.Details = []string{fmt.Sprintf("the book was printed with %d dossiers; %d are recorded for the period now, and their records have changed since", out.PrintedEvents, len(entries))}
	}
	return out, nil
}
