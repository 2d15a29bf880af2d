package app

import (
	"context"
	"regexp"
	"strings"
	"time"

	"hoso/dossier"
	"hoso/store"
)

// SearchRequest finds dossiers: Query is a code (or its start), an
// identifier (or its start: a personal identification number, the
// applicant's or its representative's, or an organisation's enterprise or
// tax code), or a name written with or without accents (a person's, an
// organisation's or a representative's); the other fields filter. Pages
// start at 1.
type SearchRequest struct {
	Query  string `json:"query"`
	Status string `json:"status"`
	Office string `json:"office"`
	// Holder keeps dossiers that office holds now (a liên thông queue:
	// Holder = this office, ExcludeOffice = this office).
	Holder        string `json:"holder"`
	ExcludeOffice string `json:"excludeOffice"`
	Procedure     string `json:"procedure"`
	// Overdue keeps dossiers past their due date, DueSoon those due soon,
	// both as report.StandingAt judges them now under the report rules of
	// the dossier's office (the dashboard's and II.06a's definition).
	Overdue  bool `json:"overdue"`
	DueSoon  bool `json:"dueSoon"`
	Page     int  `json:"page"`
	PageSize int  `json:"pageSize"`
}

// DossierSummary is a row of the dossier list.
type DossierSummary struct {
	Code      string `json:"code"`
	Applicant string `json:"applicant"`
	// Kind is the applicant's kind, "person" or "organisation" (never
	// empty: old dossiers are persons').
	Kind      dossier.ApplicantKind `json:"kind"`
	CitizenID string                `json:"citizenId"`
	// OrgID is an organisation's identifier.
	OrgID string `json:"orgId,omitempty"`
	// Representative is who filed for the applicant, when someone did.
	Representative *dossier.Representative `json:"representative,omitempty"`

	Procedure  string         `json:"procedure"`
	Status     dossier.Status `json:"status"`
	National   int            `json:"national"`
	Office     string         `json:"office"`
	Holder     string         `json:"holder"`
	ReceivedAt time.Time      `json:"receivedAt"`
	Due        time.Time      `json:"due"`
	Overdue    bool           `json:"overdue"`
	Conflicts  int            `json:"conflicts"`
}

// SearchReply is one page of results.
type SearchReply struct {
	Items    []DossierSummary `json:"items"`
	Page     int              `json:"page"`
	PageSize int              `json:"pageSize"`
	More     bool             `json:"more"`
}

var (
	codeQuery = regexp.MustCompile(`^[0-9A-Za-z.]+-[0-9]`)
	// idQuery is an identifier or its start: a personal identification
	// number, or an organisation's code with or without its branch part.
	idQuery = regexp.MustCompile(`^[0-9]{9,12}$|^[0-9]{10}-[0-9]{0,3}$`)
)

// searchChunk is how many index entries a search reads at a time.
const searchChunk = 256

// Search returns one page of dossiers matching the request, newest first
// when no query orders them.
func (s *Dossiers) Search(ctx context.Context, req SearchRequest) (SearchReply, error) {
	d, err := s.core.Deps()
	if err != nil {
		return SearchReply{}, err
	}
	if req.Page <= 0 {
		req.Page = 1
	}
	if req.PageSize <= 0 || req.PageSize > 200 {
		req.PageSize = 20
	}
	q := strings.TrimSpace(req.Query)
	index, prefix, reverse := dossier.IndexReceived, []byte(nil), true
	switch {
	// An organisation's code with its branch ("2801234567-001") would
	// read as a dossier code: identifiers are tried first.
	case q != "" && idQuery.MatchString(q):
		index, prefix, reverse = dossier.IndexCitizen, []byte(q), false
	case q != "" && codeQuery.MatchString(q):
		index, prefix, reverse = dossier.IndexCode, []byte(strings.ToUpper(q[:1])+q[1:]), false
		if strings.ContainsAny(q, "abcdefghijklmnopqrstuvwxyz") {
			prefix = []byte(q)
		}
	case q != "":
		index, prefix, reverse = dossier.IndexName, []byte(dossier.FoldName(q)), false
	case req.Status != "":
		index, prefix, reverse = dossier.IndexStatus, []byte(req.Status+"\x00"), false
	case req.Procedure != "":
		index, prefix, reverse = dossier.IndexProcedure, []byte(req.Procedure+"\x00"), false
	case req.Holder != "":
		index, prefix, reverse = dossier.IndexHolder, []byte(req.Holder+"\x00"), false
	case req.Overdue || req.DueSoon:
		index, prefix, reverse = dossier.IndexDue, nil, false
	case req.Office != "":
		index, prefix, reverse = dossier.IndexOffice, []byte(req.Office+"\x00"), false
	}
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return SearchReply{}, err
	}
	now := s.now()
	judge := newStandings(d.Store, cal, now)
	skip := (req.Page - 1) * req.PageSize
	out := SearchReply{Items: []DossierSummary{}, Page: req.Page, PageSize: req.PageSize}
	seen := map[string]bool{}
	var after *store.Hit
	for {
		hits, err := d.Store.Scan(dossierProjID, index, store.ScanOptions{Prefix: prefix, Reverse: reverse, After: after, Limit: searchChunk})
		if err != nil {
			return SearchReply{}, Wrap(CodeInternal, err, "searching")
		}
		for _, h := range hits {
			if seen[h.Subject] {
				continue
			}
			seen[h.Subject] = true
			var ds dossier.Dossier
			if ok, err := readState(d.Store, dossierProjID, h.Subject, &ds); err != nil {
				return SearchReply{}, err
			} else if !ok || !s.matches(ds, req, judge) {
				continue
			}
			if skip > 0 {
				skip--
				continue
			}
			if len(out.Items) == req.PageSize {
				out.More = true
				return out, nil
			}
			out.Items = append(out.Items, summarise(ds, judge))
		}
		if len(hits) < searchChunk {
			return out, nil
		}
		last := hits[len(hits)-1]
		after = &last
	}
}

// matches applies the filters the chosen index did not.
func (s *Dossiers) matches(ds dossier.Dossier, req SearchRequest, judge *standings) bool {
	if req.Status != "" && string(ds.Status) != req.Status {
		return false
	}
	if req.Procedure != "" && ds.Procedure.Code != req.Procedure {
		return false
	}
	if req.Office != "" && !containsString(ds.Offices, req.Office) {
		return false
	}
	if req.Holder != "" && ds.Holder.Office != req.Holder {
		return false
	}
	if req.ExcludeOffice != "" && ds.Office == req.ExcludeOffice {
		return false
	}
	if req.Overdue || req.DueSoon {
		st := judge.of(ds)
		if (req.Overdue && !st.Overdue) || (req.DueSoon && !req.Overdue && !st.DueSoon) {
			return false
		}
	}
	return true
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func summarise(ds dossier.Dossier, judge *standings) DossierSummary {
	kind := dossier.ApplicantPerson
	if ds.Applicant.IsOrganisation() {
		kind = dossier.ApplicantOrganisation
	}
	return DossierSummary{
		Code: ds.Code, Applicant: ds.Applicant.FullName, Kind: kind, CitizenID: ds.Applicant.CitizenID,
		OrgID: ds.Applicant.OrgID, Representative: ds.Applicant.Representative, Procedure: ds.Procedure.Name,
		Status: ds.Status, National: ds.National, Office: ds.Office, Holder: ds.Holder.Office,
		ReceivedAt: ds.ReceivedAt, Due: ds.Due, Overdue: judge.of(ds).Overdue, Conflicts: len(ds.Conflicts),
	}
}
