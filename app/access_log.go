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

// The access log: who accessed citizens' personal data, as the Law on
// Personal Data Protection asks. Two acts are recorded, each as one signed
// event owned by the office of the user who acted, so that the log syncs up
// the office tree like every other record of the office (p2p scope: events
// owned by an office reach the offices above it) and is never sent down or
// sideways:
//
//   - an export of citizen data: a sync bundle (Sync.ExportBundle), an
//     administrator's act (access.go). The catalog's export (procedures)
//     and the report's (II.06a, counts per procedure) carry no personal
//     data and are neither restricted nor logged.
//   - the reading of a dossier's details (Dossiers.Get, Dossiers.History,
//     Print.Form of a dossier) by a user who does not hold the dossier
//     (see holdsDossier): an inspector, an administrator, an officer not
//     assigned, the staff of another office; and the reading of a book
//     that names many citizens (Print.Book, Fees.Book, Fees.Export,
//     Print.FeeBook) by a user who does not keep it (logBookRead).
//
// A read is recorded before the data is returned: when the log cannot be
// written the read is refused. Calls made inside the program (no logged-in
// caller, no person) are not recorded.
//
// Keys and names, in one place:
//
//	subject  access/<office>/<id>, id = YYMMDD-<16 hex digits> (random, so
//	         two offline desks never pick the same)
//	kind     access.exported (body AccessEntry, Action "export") and
//	         access.read (Action "read")
//	index at YYYYMMDDhhmmss (Vietnam's wall clock) and the event's HLC in
//	         16 hex digits: every entry this node holds (its office's and
//	         those synced up from below) in time order, scanned backwards
//	         for the newest first
const (
	accessPrefix       = "access/"
	accessProjectionID = "access"
	kindAccessExported = "access.exported"
	kindAccessRead     = "access.read"
	accessIndexAt      = "at"
	accessTimeLayout   = "20060102150405"
)

// AccessAction is what an access entry records: a bundle exported or a
// dossier read.
type AccessAction string

// The actions an access entry records.
const (
	AccessExport AccessAction = "export"
	AccessRead   AccessAction = "read"
)

// AccessEntry is one access to citizens' personal data.
type AccessEntry struct {
	// ID names the entry (the subject's last part).
	ID string `json:"id"`
	// At is when the data was accessed.
	At time.Time `json:"at"`
	// Actor is the user's ID (or "operator"), Name the user's full name
	// when the entry was written, Roles the user's roles then; Office is
	// the user's office, the event's owner. Actor and Office come from
	// the signed event, never from its body.
	Actor  string `json:"actor"`
	Name   string `json:"name"`
	Roles  []Role `json:"roles"`
	Office string `json:"office"`
	// Action is AccessExport or AccessRead; Method the call
	// ("Sync.ExportBundle", "Dossiers.Get", "Dossiers.History",
	// "Print.Form").
	Action AccessAction `json:"action"`
	Method string       `json:"method"`
	// Scope is what was accessed: a dossier's code, or for an export "all"
	// (everything the node holds) or "since-last-sync".
	Scope string `json:"scope"`
	// Form is the paper printed (Print.Form).
	Form string `json:"form,omitempty"`
	// For is for whom: the bundle's recipient (a peer ID, with its office
	// when known) for an export; the citizen whose dossier was read (the
	// applicant's name) for a read.
	For string `json:"for"`
	// Events is how many events the bundle holds (exports).
	Events int `json:"events,omitempty"`
	// Rows is how many dossiers or receipts a book read lists.
	Rows int `json:"rows,omitempty"`
	// HLC is the event's clock: it orders the entries of one second.
	HLC store.HLC `json:"hlc"`
}

var accessProjection = jsonProjection[AccessEntry]{
	name:   accessProjectionID,
	prefix: accessPrefix,
	apply: func(s *AccessEntry, e *store.Event) {
		if s.ID != "" || (e.Kind != kindAccessExported && e.Kind != kindAccessRead) {
			return
		}
		var a AccessEntry
		if !decodeBody(e, &a) {
			return
		}
		a.ID = e.Subject[strings.LastIndexByte(e.Subject, '/')+1:]
		a.Actor, a.Office, a.At, a.HLC = e.Actor, e.Owner, a.At.In(calendar.Zone), e.HLC
		a.Action = AccessRead
		if e.Kind == kindAccessExported {
			a.Action = AccessExport
		}
		*s = a
	},
	index: func(_ string, s *AccessEntry) []store.IndexEntry {
		if s.ID == "" {
			return nil
		}
		key := fmt.Appendf(nil, "%s%016x", s.At.In(calendar.Zone).Format(accessTimeLayout), uint64(s.HLC))
		return []store.IndexEntry{{Index: accessIndexAt, Key: key}}
	},
}

// recordAccess writes one access entry for the caller.
func recordAccess(st *store.Store, c Caller, at time.Time, a AccessEntry) error {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Wrap(CodeInternal, err, "recording the access")
	}
	office := callerOffice(st, c)
	a.ID = at.In(calendar.Zone).Format("060102") + "-" + hex.EncodeToString(b[:])
	a.At, a.Actor, a.Office, a.Name = at.UTC(), c.Actor(), office, c.FullName
	if c.Operator {
		a.Name = "operator"
	}
	a.Roles = append([]Role{}, c.Roles...)
	kind := kindAccessRead
	if a.Action == AccessExport {
		kind = kindAccessExported
	}
	draft := store.Draft{Actor: a.Actor, Owner: office, Kind: kind, Subject: accessPrefix + office + "/" + a.ID, Body: mustJSON(a)}
	if _, err := st.Append(draft); err != nil {
		return appendErr(err, "recording the access to personal data")
	}
	return nil
}

// holdsDossier reports whether the caller holds a dossier, so that reading
// it is part of the work and not logged. A user holds a dossier when the
// user
//
//  1. is its officer now (Holder.Officer), or
//  2. has acted on it (the actor of one of its events: the clerk who
//     received it, an officer who worked on it, the leader who assigned,
//     approved or signed), or
//  3. is a clerk of the receiving office (its desk returns the result), or
//  4. is a leader of the office holding it now (who assigns and signs).
//
// Nobody else holds it: inspectors, administrators, officers not assigned
// to it and the staff of other offices are logged when they read it.
func holdsDossier(st *store.Store, c Caller, ds dossier.Dossier, evs []*store.Event) bool {
	id := c.Actor()
	if c.UserID != "" && ds.Holder.Officer == id {
		return true
	}
	for _, e := range evs {
		if c.UserID != "" && e.Actor == id {
			return true
		}
	}
	office := callerOffice(st, c)
	if slices.Contains(c.Roles, RoleClerk) && office == ds.Office {
		return true
	}
	if slices.Contains(c.Roles, RoleLeader) && office == ds.Holder.Office {
		return true
	}
	return false
}

// logDossierRead records the reading of a dossier's details by a caller who
// does not hold it; evs are the dossier's events, nil to read them here.
func logDossierRead(ctx context.Context, st *store.Store, at time.Time, ds dossier.Dossier, evs []*store.Event, method, form string) error {
	c := CallerFrom(ctx)
	if !c.LoggedIn() {
		return nil
	}
	if evs == nil {
		var err error
		if evs, err = st.Events(dossierPrefix + ds.Code); err != nil {
			return Wrap(CodeInternal, err, "reading the dossier's records")
		}
	}
	if holdsDossier(st, c, ds, evs) {
		return nil
	}
	return recordAccess(st, c, at, AccessEntry{Action: AccessRead, Method: method, Scope: ds.Code, Form: form, For: ds.Applicant.FullName})
}

// logBookRead records the reading of a book that names many citizens (the
// tracking book, the fee book) by a caller who does not keep it. The
// clerks and leaders of the book's office keep it; inspectors,
// administrators, officers and the staff of other offices are logged.
// Scope is the book's subject, n the rows it lists.
func logBookRead(ctx context.Context, st *store.Store, at time.Time, office, method, scope string, n int) error {
	c := CallerFrom(ctx)
	if !c.LoggedIn() {
		return nil
	}
	if callerOffice(st, c) == office && (slices.Contains(c.Roles, RoleClerk) || slices.Contains(c.Roles, RoleLeader)) {
		return nil
	}
	return recordAccess(st, c, at, AccessEntry{Action: AccessRead, Method: method, Scope: scope, Rows: n})
}

// AccessLogRequest lists the access log from one day to another
// (YYYY-MM-DD in Vietnam, both included; empty: no bound). Pages start
// at 1.
type AccessLogRequest struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// AccessLogReply is one page of the log, newest first, and how many
// entries there are in the period.
type AccessLogReply struct {
	Items    []AccessEntry `json:"items"`
	Total    int           `json:"total"`
	Page     int           `json:"page"`
	PageSize int           `json:"pageSize"`
	More     bool          `json:"more"`
}

// AccessLog lists the accesses to personal data this node holds (its
// office's and those synced up from the offices below), newest first
// (leaders, inspectors and administrators).
func (r *Records) AccessLog(req AccessLogRequest) (AccessLogReply, error) {
	d, err := r.core.Deps()
	if err != nil {
		return AccessLogReply{}, err
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
		return AccessLogReply{}, err
	}
	to, err := day("to", req.To)
	if err != nil {
		return AccessLogReply{}, err
	}
	if from != "" && to != "" && to < from {
		return AccessLogReply{}, FieldError("to", "the period ends before it starts")
	}
	if req.Page <= 0 {
		req.Page = 1
	}
	if req.PageSize <= 0 || req.PageSize > 200 {
		req.PageSize = 50
	}
	opts := store.ScanOptions{Reverse: true, Limit: searchChunk}
	if to != "" {
		opts.After = &store.Hit{Key: append([]byte(to), 0xff)}
	}
	out := AccessLogReply{Items: []AccessEntry{}, Page: req.Page, PageSize: req.PageSize}
	skip := (req.Page - 1) * req.PageSize
	for {
		hits, err := d.Store.Scan(accessProjectionID, accessIndexAt, opts)
		if err != nil {
			return AccessLogReply{}, Wrap(CodeInternal, err, "listing the access log")
		}
		for _, h := range hits {
			if len(h.Key) < len(accessTimeLayout) {
				continue
			}
			if from != "" && string(h.Key[:8]) < from {
				return out, nil
			}
			out.Total++
			switch {
			case skip > 0:
				skip--
			case len(out.Items) == req.PageSize:
				out.More = true
			default:
				var a AccessEntry
				if ok, err := readState(d.Store, accessProjectionID, h.Subject, &a); err != nil {
					return AccessLogReply{}, err
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
