package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/store"
)

// Intake attempts: a dossier the desk could not receive because papers were
// missing. The law has the desk hand the applicant Form 02 listing
// everything missing, and issue no receipt and no code (DOMAIN.md §3); the
// office still keeps each attempt, to count them and to print the Form 02
// again. An attempt is one record of one event, never a dossier: it has
// no code, no tracking-book entry and no due date, and a dossier received
// later for the same applicant does not refer to it.
//
// Keys and names, in one place:
//
//	subject  intake/<office>/<id>, id = YYMMDD-<desk>-<8 hex digits>:
//	         the day of the attempt, the desk's index and 32 random bits,
//	         so two desks offline never pick the same id
//	kind     intake.incomplete, body IntakeAttempt
//	index at office 0x00 YYYYMMDDhhmmss (Vietnam's wall clock): an
//	         office's attempts in time order, scanned backwards for the
//	         newest first
//	index id id 0x00: the attempt of an id
const (
	intakePrefix         = "intake/"
	intakeProjectionID   = "intake"
	kindIntakeIncomplete = "intake.incomplete"
	intakeIndexAt        = "at"
	intakeIndexID        = "id"
	// intakeTimeLayout writes an attempt's instant in its "at" key.
	intakeTimeLayout = "20060102150405"
)

// IntakeAttempt is an incomplete intake: what the applicant brought, what
// was missing and what Form 02 printed.
type IntakeAttempt struct {
	// ID names the attempt (see above); the subject's last part.
	ID string `json:"id"`
	// Office is the office whose desk recorded it: the event's owner.
	Office    string                     `json:"office"`
	Procedure dossier.ProcedureRef       `json:"procedure"`
	Applicant dossier.Applicant          `json:"applicant"`
	Channel   dossier.Channel            `json:"channel"`
	Documents []dossier.ReceivedDocument `json:"documents"`
	// Missing lists every paper missing, as Form 02 prints it.
	Missing []string `json:"missing"`
	// Note is the reason the clerk gives, printed on Form 02.
	Note string `json:"note"`
	// Contact is the phone to call that the clerk gave; empty means the
	// office's (its print settings' contact phone, else its own phone),
	// decided when Form 02 is printed.
	Contact string `json:"contact"`
	// Clerk is the user ID of the clerk who recorded it: the event's actor.
	Clerk string `json:"clerk"`
	// At is when the applicant came (the request's receivedAt, or now).
	At time.Time `json:"at"`
	// FormSet is the form set in force at At (print.SetFor), so that Form
	// 02 prints again as it first did; empty: decided by At.
	FormSet string `json:"formSet,omitempty"`
}

// intakeProjection folds an attempt's event. An attempt has one event;
// any later one on the same subject is ignored, so the record never
// changes once written. Office and Clerk come from the event (its owner
// and actor), ID from the subject, never from the body.
var intakeProjection = jsonProjection[IntakeAttempt]{
	name:   intakeProjectionID,
	prefix: intakePrefix,
	apply: func(s *IntakeAttempt, e *store.Event) {
		if s.ID != "" || e.Kind != kindIntakeIncomplete {
			return
		}
		var a IntakeAttempt
		if !decodeBody(e, &a) {
			return
		}
		a.ID = e.Subject[strings.LastIndexByte(e.Subject, '/')+1:]
		a.Office, a.Clerk, a.At = e.Owner, e.Actor, a.At.In(calendar.Zone)
		*s = a
	},
	index: func(_ string, s *IntakeAttempt) []store.IndexEntry {
		if s.ID == "" {
			return nil
		}
		return []store.IndexEntry{
			{Index: intakeIndexAt, Key: intakeAtKey(s.Office, s.At)},
			{Index: intakeIndexID, Key: append([]byte(s.ID), 0)},
		}
	},
}

// intakeSubject is the record of an office's attempt.
func intakeSubject(office, id string) string { return intakePrefix + office + "/" + id }

// intakeAtKey is an attempt's key in the "at" index.
func intakeAtKey(office string, at time.Time) []byte {
	return append(append([]byte(office), 0), at.In(calendar.Zone).Format(intakeTimeLayout)...)
}

// newIntakeID returns a fresh attempt ID for desk on at's day.
func newIntakeID(at time.Time, desk int) (string, error) {
	var b [4]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("drawing an intake id: %w", err)
	}
	return fmt.Sprintf("%s-%d-%s", at.In(calendar.Zone).Format("060102"), desk, hex.EncodeToString(b[:])), nil
}

// recordIntake validates an incomplete intake and records it for the
// office; the applicant is refused as at reception, and nothing is recorded
// then.
func recordIntake(st *store.Store, actor dossier.Actor, desk int, a IntakeAttempt) (string, error) {
	if err := dossier.ValidateIntake(a.Applicant, a.Documents, a.Note, a.Contact); err != nil {
		return "", ruleError(err)
	}
	id, err := newIntakeID(a.At, desk)
	if err != nil {
		return "", Wrap(CodeInternal, err, "recording the intake")
	}
	a.ID, a.Office, a.Clerk = id, actor.Office, actor.UserID
	if a.Documents == nil {
		a.Documents = []dossier.ReceivedDocument{}
	}
	draft := store.Draft{Actor: actor.UserID, Owner: actor.Office, Kind: kindIntakeIncomplete, Subject: intakeSubject(actor.Office, id), Body: mustJSON(a)}
	if _, err := st.Append(draft); err != nil {
		return "", appendErr(err, "recording the intake")
	}
	return id, nil
}

// getIntake returns the attempt of an id with its signed events (for Form
// 02 and its QR code), or a not_found error. It does not check who asks:
// a node holds only its office's attempts and those synced to it.
func getIntake(st *store.Store, id string) (IntakeAttempt, []*store.Event, error) {
	id = strings.TrimSpace(id)
	notFound := &Error{Code: CodeNotFound, Field: "intake", Message: "no intake attempt " + id, Params: map[string]string{"intake": id}}
	if id == "" || strings.ContainsRune(id, 0) {
		return IntakeAttempt{}, nil, notFound
	}
	hits, err := st.Scan(intakeProjectionID, intakeIndexID, store.ScanOptions{Prefix: append([]byte(id), 0), Limit: 1})
	if err != nil {
		return IntakeAttempt{}, nil, Wrap(CodeInternal, err, "finding the intake attempt")
	}
	if len(hits) == 0 {
		return IntakeAttempt{}, nil, notFound
	}
	var a IntakeAttempt
	if ok, err := readState(st, intakeProjectionID, hits[0].Subject, &a); err != nil {
		return IntakeAttempt{}, nil, err
	} else if !ok || a.ID == "" {
		return IntakeAttempt{}, nil, notFound
	}
	evs, err := st.Events(hits[0].Subject)
	if err != nil {
		return IntakeAttempt{}, nil, Wrap(CodeInternal, err, "reading the intake attempt's events")
	}
	return a, evs, nil
}

// IntakesRequest lists the caller's office's intake attempts from one day
// to another (YYYY-MM-DD in Vietnam, both included; empty: no bound).
// Pages start at 1.
type IntakesRequest struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// IntakesReply is one page of attempts, newest first, and how many there
// are in the period.
type IntakesReply struct {
	Items    []IntakeAttempt `json:"items"`
	Total    int             `json:"total"`
	Page     int             `json:"page"`
	PageSize int             `json:"pageSize"`
	More     bool            `json:"more"`
}

// Intakes lists the caller's office's incomplete intakes in a period,
// newest first, with their number.
func (s *Dossiers) Intakes(ctx context.Context, req IntakesRequest) (IntakesReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return IntakesReply{}, err
	}
	day := func(field, v string) (string, error) {
		if v = strings.TrimSpace(v); v == "" {
			return "", nil
		}
		dt, err := calendar.ParseDate(v)
		if err != nil {
			return "", FieldError(field, "%s must be a date YYYY-MM-DD", field)
		}
		return fmt.Sprintf("%04d%02d%02d", dt.Year, int(dt.Month), dt.Day), nil
	}
	from, err := day("from", req.From)
	if err != nil {
		return IntakesReply{}, err
	}
	to, err := day("to", req.To)
	if err != nil {
		return IntakesReply{}, err
	}
	if from != "" && to != "" && to < from {
		return IntakesReply{}, FieldError("to", "the period ends before it starts")
	}
	if req.Page <= 0 {
		req.Page = 1
	}
	if req.PageSize <= 0 || req.PageSize > 200 {
		req.PageSize = 20
	}
	office := append([]byte(callerOffice(d.Store, CallerFrom(ctx))), 0)
	opts := store.ScanOptions{Prefix: office, Reverse: true, Limit: searchChunk}
	if to != "" {
		// Backwards from just past the last day: every key of that day
		// (digits) sorts below 0xff.
		opts.After = &store.Hit{Key: append(append(slices.Clone(office), to...), 0xff)}
	}
	out := IntakesReply{Items: []IntakeAttempt{}, Page: req.Page, PageSize: req.PageSize}
	skip := (req.Page - 1) * req.PageSize
	for {
		hits, err := d.Store.Scan(intakeProjectionID, intakeIndexAt, opts)
		if err != nil {
			return IntakesReply{}, Wrap(CodeInternal, err, "listing the intake attempts")
		}
		for _, h := range hits {
			if len(h.Key) < len(office)+len(intakeTimeLayout) {
				continue
			}
			if from != "" && string(h.Key[len(office):len(office)+8]) < from {
				return out, nil
			}
			out.Total++
			switch {
			case skip > 0:
				skip--
			case len(out.Items) == req.PageSize:
				out.More = true
			default:
				var a IntakeAttempt
				if ok, err := readState(d.Store, intakeProjectionID, h.Subject, &a); err != nil {
					return IntakesReply{}, err
				} else if ok {
					out.Items = append(out.Items, a)
				}
			}
		}
		if len(hits) < searchChunk {
			return out, nil
		}
		last := hits[len(hits)-1]
		opts.After = &last
	}
}
