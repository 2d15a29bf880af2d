package app

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"time"

	"hoso/store"
)

// The verdicts of Records.Verify.
const (
	// VerifyMatch: this node holds exactly the events the document was
	// printed from.
	VerifyMatch = "match"
	// VerifyChanged: the document's events are all here, and later ones
	// were added since it was printed (Added lists them).
	VerifyChanged = "changed"
	// VerifyDiffers: the events here do not contain what the document was
	// printed from: altered, replaced, or a history this node does not
	// share.
	VerifyDiffers = "differs"
	// VerifyUnknown: this node has no such record.
	VerifyUnknown = "unknown"
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
	Status        string       `json:"status"`
	Office        string       `json:"office"`
	Subject       string       `json:"subject"`
	PrintedEvents int          `json:"printedEvents"`
	CurrentEvents int          `json:"currentEvents"`
	Added         []AddedEvent `json:"added"`
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
