package store

import (
	"encoding/base64"
	"encoding/json"
	"time"
)

// eventJSON is the exported form of an event, for history exports and
// inspection: every field, the body as JSON when it is JSON.
type eventJSON struct {
	ID       string          `json:"id"`
	Origin   string          `json:"origin"`
	Seq      uint64          `json:"seq"`
	HLC      uint64          `json:"hlc"`
	Time     time.Time       `json:"time"`
	Actor    string          `json:"actor"`
	Owner    string          `json:"owner"`
	Audience []string        `json:"audience"`
	Kind     string          `json:"kind"`
	Subject  string          `json:"subject"`
	Body     json.RawMessage `json:"body,omitempty"`
	BodyB64  string          `json:"bodyBase64,omitempty"`
	Sig      string          `json:"signature"`
	Raw      string          `json:"raw"`
}

// MarshalJSON exports the event with its canonical encoding, so an export
// can be verified again.
func (e *Event) MarshalJSON() ([]byte, error) {
	j := eventJSON{
		ID: e.id.String(), Origin: e.Origin.String(), Seq: e.Seq, HLC: uint64(e.HLC), Time: e.HLC.Time(),
		Actor: e.Actor, Owner: e.Owner, Audience: e.Audience, Kind: e.Kind, Subject: e.Subject,
		Sig: base64.StdEncoding.EncodeToString(e.Sig[:]), Raw: base64.StdEncoding.EncodeToString(e.raw),
	}
	if j.Audience == nil {
		j.Audience = []string{}
	}
	if json.Valid(e.Body) {
		j.Body = e.Body
	} else if len(e.Body) > 0 {
		j.BodyB64 = base64.StdEncoding.EncodeToString(e.Body)
	}
	return json.Marshal(j)
}

// SubjectHistory is the export of one subject's full history.
type SubjectHistory struct {
	Subject    string    `json:"subject"`
	ExportedAt time.Time `json:"exportedAt"`
	Events     []*Event  `json:"events"`
}

// History returns a subject's full history, every signature verified, or
// ErrNotFound when the subject has no events here.
func (s *Store) History(subject string) (SubjectHistory, error) {
	evs, err := s.Events(subject)
	if err != nil {
		return SubjectHistory{}, err
	}
	if len(evs) == 0 {
		return SubjectHistory{}, ErrNotFound
	}
	return SubjectHistory{Subject: subject, ExportedAt: s.clock.now().UTC(), Events: evs}, nil
}

// ExportSubject returns History as indented JSON.
func (s *Store) ExportSubject(subject string) ([]byte, error) {
	h, err := s.History(subject)
	if err != nil {
		return nil, err
	}
	return json.MarshalIndent(h, "", "  ")
}
