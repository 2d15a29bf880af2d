package app

import (
	"context"
	"strings"

	"hoso/qreport"
	"hoso/store"
)

// SubmitQuarterRequest signs an office's report for a quarter: the
// narrative, and for a correction the version it corrects (the note then
// says why).
type SubmitQuarterRequest struct {
	Office   string `json:"office"`
	Quarter  string `json:"quarter"`
	Note     string `json:"note"`
	Corrects int    `json:"corrects"`
}

// Submit signs the report of the caller's own office for a quarter: the
// draft recomputed now, written as a signed event with the next version
// number. A version is never edited; a correction is a new version naming
// the one it corrects with a reason (rule correction_reason). Refused:
// another role than leader (not_leader), another office (not_own_office),
// a bad or future quarter.
func (x *Quarterly) Submit(ctx context.Context, req SubmitQuarterRequest) (qreport.Report, error) {
	d, err := x.core.Deps()
	if err != nil {
		return qreport.Report{}, err
	}
	cl := CallerFrom(ctx)
	mine := callerOffice(d.Store, cl)
	if !cl.Has(RoleLeader) {
		return qreport.Report{}, &Error{Code: CodeForbidden, Field: "office", Message: "the quarterly report is signed by the office's leader", Params: map[string]string{"rule": "not_leader"}}
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = mine
	}
	// The operator at the node's console signs for any office (the demo).
	if office != mine && !cl.Operator {
		return qreport.Report{}, &Error{Code: CodeForbidden, Field: "office", Message: "a leader signs the report of their own office", Params: map[string]string{"rule": "not_own_office"}}
	}
	if _, err := getOffice(d.Store, office); err != nil {
		return qreport.Report{}, err
	}
	quarter := strings.TrimSpace(req.Quarter)
	if quarter == "" {
		quarter = qreport.LastClosed(x.today())
	}
	year, q, re := qreport.CheckQuarter(quarter, x.today())
	if re != nil {
		return qreport.Report{}, qreportErr(re)
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	all, err := readQReports(d.Store, office, quarter)
	if err != nil {
		return qreport.Report{}, err
	}
	rep, err := x.draft(ctx, d.Store, office, quarter, year, q)
	if err != nil {
		return qreport.Report{}, err
	}
	rep.Version, rep.Corrects, rep.Note, rep.SignerName = qreport.Next(all), req.Corrects, strings.TrimSpace(req.Note), cl.FullName
	if rep.Corrects > 0 {
		if _, ok := qreport.Find(all, rep.Corrects); !ok {
			return qreport.Report{}, &Error{Code: CodeInvalidInput, Field: "corrects", Message: "there is no signed version to correct with that number", Params: map[string]string{"rule": "bad_corrects"}}
		}
	}
	if re := rep.Validate(); re != nil {
		return qreport.Report{}, qreportErr(re)
	}
	e, err := d.Store.Append(store.Draft{Actor: cl.Actor(), Owner: office, Kind: qreport.KindSubmitted, Subject: qreport.Subject(office, quarter), Body: mustJSON(qreportSubmitted{Report: rep})})
	if err != nil {
		return qreport.Report{}, appendErr(err, "signing the quarterly report")
	}
	rep.SignedBy, rep.SignedAt = e.Actor, e.HLC.Time()
	return rep, nil
}

// QuarterVersions lists the signed versions of a report, newest first.
type QuarterVersions struct {
	Office   string            `json:"office"`
	Quarter  string            `json:"quarter"`
	Versions []qreport.Version `json:"versions"`
}

// Versions lists every signed version of an office's report for a
// quarter, newest first, with who signed it and when; two versions of one
// number (two desks offline) are marked as a conflict.
func (x *Quarterly) Versions(ctx context.Context, req QuarterRequest) (QuarterVersions, error) {
	d, err := x.core.Deps()
	if err != nil {
		return QuarterVersions{}, err
	}
	office, quarter, _, _, err := x.resolve(ctx, d.Store, req)
	if err != nil {
		return QuarterVersions{}, err
	}
	all, err := readQReports(d.Store, office, quarter)
	if err != nil {
		return QuarterVersions{}, err
	}
	return QuarterVersions{Office: office, Quarter: quarter, Versions: qreport.Versions(all)}, nil
}

// QuarterVersionRequest names one version of a report; 0 is the latest
// signed one.
type QuarterVersionRequest struct {
	Office  string `json:"office"`
	Quarter string `json:"quarter"`
	Version int    `json:"version"`
}

// signed returns one signed version, CodeNotFound when there is none.
func (x *Quarterly) signed(ctx context.Context, st *store.Store, req QuarterVersionRequest) (qreport.Signed, error) {
	office, quarter, _, _, err := x.resolve(ctx, st, QuarterRequest{Office: req.Office, Quarter: req.Quarter})
	if err != nil {
		return qreport.Signed{}, err
	}
	all, err := readQReports(st, office, quarter)
	if err != nil {
		return qreport.Signed{}, err
	}
	s, ok := qreport.Latest(all)
	if req.Version != 0 {
		s, ok = qreport.Find(all, req.Version)
	}
	if !ok {
		return qreport.Signed{}, &Error{Code: CodeNotFound, Field: "version", Message: "no signed report of " + office + " for " + quarter + " with that version",
			Params: map[string]string{"office": office, "quarter": quarter}}
	}
	return s, nil
}

// Get returns one signed version of an office's report (0: the latest);
// CodeNotFound when none is signed.
func (x *Quarterly) Get(ctx context.Context, req QuarterVersionRequest) (qreport.Report, error) {
	d, err := x.core.Deps()
	if err != nil {
		return qreport.Report{}, err
	}
	s, err := x.signed(ctx, d.Store, req)
	return s.Report, err
}

// QuarterListRequest names the quarter (empty: the last closed one) and
// the office whose offices below are listed (empty: the caller's).
type QuarterListRequest struct {
	Office  string `json:"office"`
	Quarter string `json:"quarter"`
}

// QuarterListItem is an office below with its latest signed version, 0
// when it has not reported.
type QuarterListItem struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Parent     string `json:"parent"`
	Version    int    `json:"version"`
	Event      string `json:"event"`
	SignerName string `json:"signerName"`
	SignedAt   string `json:"signedAt"`
	Conflict   bool   `json:"conflict"`
}

// QuarterList is what a supervisor sees of the offices below for a
// quarter.
type QuarterList struct {
	Office  string            `json:"office"`
	Quarter string            `json:"quarter"`
	Offices []QuarterListItem `json:"offices"`
}

// List returns every office below the office (the caller's by default)
// with its latest signed report for the quarter, or version 0: not
// reported.
func (x *Quarterly) List(ctx context.Context, req QuarterListRequest) (QuarterList, error) {
	d, err := x.core.Deps()
	if err != nil {
		return QuarterList{}, err
	}
	office, quarter, _, _, err := x.resolve(ctx, d.Store, QuarterRequest(req))
	if err != nil {
		return QuarterList{}, err
	}
	byCode, children, err := officeTree(d.Store)
	if err != nil {
		return QuarterList{}, err
	}
	below, _ := subtree(byCode, children, office)
	out := QuarterList{Office: office, Quarter: quarter, Offices: []QuarterListItem{}}
	for _, o := range below[1:] {
		all, err := readQReports(d.Store, o.Code, quarter)
		if err != nil {
			return QuarterList{}, err
		}
		it := QuarterListItem{Code: o.Code, Name: o.Name, Parent: o.Parent}
		if s, ok := qreport.Latest(all); ok {
			it.Version, it.Event, it.SignerName, it.SignedAt = s.Report.Version, s.Event, s.Report.SignerName, s.Report.SignedAt.UTC().Format("2006-01-02T15:04:05Z")
			vs := qreport.Versions(all)
			it.Conflict = len(vs) > 0 && vs[0].Conflict
		}
		out.Offices = append(out.Offices, it)
	}
	return out, nil
}
