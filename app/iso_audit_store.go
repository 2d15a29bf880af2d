package app

import (
	"slices"
	"strings"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/iso"
	"hoso/report"
	"hoso/store"
)

// Projections of the internal audits (iso_audit.go).
const (
	isoAuditProjID     = "isoaudit"
	isoProgrammeProjID = "isoprogramme"
	// isoAuditIndexOffice lists an office's audits: "<office>\x00<id>".
	isoAuditIndexOffice = "office"
)

// programmeRecord is an office's programme of a year, folded.
type programmeRecord struct {
	Programme *iso.Programme `json:"programme"`
	Version   int            `json:"version"`
}

// isoProgrammeProjection folds a programme: the last one set stands. Only
// the office's own events apply: no office sets another's programme.
var isoProgrammeProjection = ownedProjection[programmeRecord]{jsonProjection[programmeRecord]{
	name:   isoProgrammeProjID,
	prefix: iso.ProgrammePrefix,
	apply: func(s *programmeRecord, e *store.Event) {
		var p iso.Programme
		if e.Kind == iso.KindProgrammeSet && subjectOffice(e.Subject, iso.ProgrammePrefix) == e.Owner &&
			decodeBody(e, &p) && p.Office == e.Owner && p.Validate() == nil {
			s.Programme, s.Version = &p, s.Version+1
		}
	},
}}

// isoAuditProjection folds an audit with package iso's rules (iso.Audit):
// its plan, checks, findings and report. Only the office's own events
// apply, and a body that does not decode or breaks the rules is left out,
// so a malformed event from a peer cannot change the audit.
var isoAuditProjection = ownedProjection[iso.Audit]{jsonProjection[iso.Audit]{
	name:   isoAuditProjID,
	prefix: iso.AuditPrefix,
	apply: func(a *iso.Audit, e *store.Event) {
		if subjectOffice(e.Subject, iso.AuditPrefix) != e.Owner {
			return
		}
		switch e.Kind {
		case iso.KindAuditPlanned:
			var p iso.AuditPlan
			if decodeBody(e, &p) && p.Validate() == nil && iso.AuditSubject(p.Office, p.ID) == e.Subject {
				a.ApplyPlan(p)
			}
		case iso.KindAuditChecked:
			var c iso.Check
			if decodeBody(e, &c) && c.Validate(a.Plan) == nil {
				a.ApplyCheck(c)
			}
		case iso.KindAuditFinding:
			var f iso.Finding
			if decodeBody(e, &f) && f.Validate(a.Plan) == nil {
				a.ApplyFinding(f)
			}
		case iso.KindAuditReported:
			var r iso.AuditReport
			if decodeBody(e, &r) && strings.TrimSpace(r.Conclusion) != "" {
				a.ApplyReport(r)
			}
		}
	},
	index: func(subject string, a *iso.Audit) []store.IndexEntry {
		if a.Plan.ID == "" {
			return nil
		}
		return []store.IndexEntry{{Index: isoAuditIndexOffice, Key: []byte(a.Plan.Office + "\x00" + a.Plan.ID)}}
	},
}}

// readAudit reads an audit; found is false when it was never planned.
func readAudit(st *store.Store, office, id string) (iso.Audit, bool, error) {
	var a iso.Audit
	ok, err := readState(st, isoAuditProjID, iso.AuditSubject(office, id), &a)
	return a, ok && a.Plan.ID != "", err
}

// officeAudits lists an office's audits in the order of their IDs.
func officeAudits(st *store.Store, office string) ([]iso.Audit, error) {
	hits, err := st.Scan(isoAuditProjID, isoAuditIndexOffice, store.ScanOptions{Prefix: []byte(office + "\x00")})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "listing the audits")
	}
	var out []iso.Audit
	for _, h := range hits {
		var a iso.Audit
		if ok, err := readState(st, isoAuditProjID, h.Subject, &a); err != nil {
			return nil, err
		} else if ok {
			out = append(out, a)
		}
	}
	return out, nil
}

// handlings lists who received or handled, in the audited period, the
// dossiers of the plan's processes that the office received: the facts
// the own-work rule is applied to. Only the users in who are kept.
func handlings(st *store.Store, p iso.AuditPlan, who []string) ([]iso.Handling, error) {
	if len(p.Processes) == 0 {
		return nil, nil
	}
	from, to := p.Period(calendar.Zone)
	hits, err := st.Scan(dossierProjID, indexFact, store.ScanOptions{Prefix: []byte(p.Office + "\x00")})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "reading the dossiers")
	}
	var out []iso.Handling
	for _, h := range hits {
		f, err := report.DecodeFact(h.Key[len(p.Office)+1:])
		if err != nil || !slices.Contains(p.Processes, f.Procedure) {
			continue
		}
		var ds dossier.Dossier
		if _, err := readState(st, dossierProjID, h.Subject, &ds); err != nil {
			return nil, err
		}
		for _, e := range ds.Timeline {
			if slices.Contains(who, e.Actor) && !e.At.Before(from) && e.At.Before(to) {
				out = append(out, iso.Handling{User: e.Actor, Process: ds.Procedure.Code, Dossier: ds.Code})
			}
		}
	}
	return out, nil
}
