package dossier

import (
	"bytes"
	"cmp"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
)

// Input is one event as Fold consumes it. The app converts the store's
// events into Inputs, in the store's fold order.
type Input struct {
	Kind Kind   `json:"kind"`
	Body []byte `json:"body"`
	// Actor is the user ID of whoever acted.
	Actor string `json:"actor"`
	// ActorOffice is the acting user's office. When empty, Office is taken
	// as the acting office.
	ActorOffice string `json:"actorOffice"`
	// Office is the event's owning office.
	Office string `json:"office"`
	// At is the event's clock time (its hybrid logical clock's wall part).
	At time.Time `json:"at"`
	// Origin and Seq identify the writing device and its sequence number.
	Origin string `json:"origin"`
	Seq    uint64 `json:"seq"`
	// ID is the event's ID. Fold applies an ID once; later copies are
	// ignored. An empty ID is never deduplicated.
	ID string `json:"id"`
}

// CompareInputs orders two inputs by (At, Origin, Seq), the store's fold
// order, for tools and tests; Fold itself takes its inputs in the order
// given.
func CompareInputs(a, b Input) int {
	if c := a.At.Compare(b.At); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Origin, b.Origin); c != 0 {
		return c
	}
	return cmp.Compare(a.Seq, b.Seq)
}

// SortInputs sorts inputs in place by CompareInputs.
func SortInputs(inputs []Input) { slices.SortStableFunc(inputs, CompareInputs) }

// office returns the acting office.
func (in Input) office() string {
	if in.ActorOffice != "" {
		return in.ActorOffice
	}
	return in.Office
}

// normalized returns in with its time in Vietnam's zone and its body
// copied, so that the Dossier shares no memory with the caller's input.
// Its texts are made valid UTF-8, as JSON will write them.
func (in Input) normalized() Input {
	in.Kind = Kind(strings.ToValidUTF8(string(in.Kind), "\uFFFD"))
	for _, s := range []*string{&in.Actor, &in.ActorOffice, &in.Office, &in.Origin, &in.ID} {
		*s = strings.ToValidUTF8(*s, "\uFFFD")
	}
	in.At = inZone(in.At)
	in.Body = bytes.Clone(in.Body)
	return in
}

// inZone returns t in calendar.Zone. The zero time stays zero, so that it
// is written the same way whatever zone it came in, and a time whose year in
// Vietnam falls outside 1–9999 becomes zero too: no real event has one, and
// JSON could not write it.
func inZone(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	t = t.In(calendar.Zone)
	if y := t.Year(); y < 1 || y > 9999 {
		return time.Time{}
	}
	return t
}
