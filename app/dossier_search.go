package app

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"hoso/calendar"
	"hoso/dossier"
	"hoso/store"
)

// SearchRequest finds dossiers: Query is a code (or its start), an
// identifier (or its start: a personal identification number, the
// applicant's or its representative's, or an organisation's enterprise or
// tax code), a part of a code, an identifier or a phone number (see
// searchDigits), or a name written with or without accents (a person's, an
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
	Overdue bool `json:"overdue"`
	DueSoon bool `json:"dueSoon"`
	// ReceivedFrom and ReceivedTo keep dossiers received from one day to
	// another (YYYY-MM-DD in Vietnam, both included; empty: no bound).
	ReceivedFrom string `json:"receivedFrom"`
	ReceivedTo   string `json:"receivedTo"`
	// ReceivedBy keeps dossiers received at the desk by that user (an ID).
	ReceivedBy string `json:"receivedBy"`
	// Count asks for Total: how many dossiers match in all.
	Count    bool `json:"count"`
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

// SearchReply is one page of results and, when the request asked to
// Count, how many match in all: at most countCap when a filter needs each
// dossier read (then TotalCapped is set and the list says "countCap+"),
// exact for overdue or due soon alone (standing_count.go).
type SearchReply struct {
	Items       []DossierSummary `json:"items"`
	Page        int              `json:"page"`
	PageSize    int              `json:"pageSize"`
	More        bool             `json:"more"`
	Total       int              `json:"total"`
	TotalCapped bool             `json:"totalCapped,omitempty"`
}

var (
	codeQuery = regexp.MustCompile(`^[0-9A-Za-z.]+-[0-9]`)
	// idQuery is an identifier or its start: a personal identification
	// number, or an organisation's code with or without its branch part.
	idQuery = regexp.MustCompile(`^[0-9]{9,12}$|^[0-9]{10}-[0-9]{0,3}$`)
	// tailQuery is a code without its agency: the day and the number, or
	// the number's start ("261207-0002", "261207-00").
	tailQuery = regexp.MustCompile(`^[0-9]{6}-[0-9]{1,4}$`)
)

// searchDigits returns the key to look up in dossier.IndexDigits for a
// query that is a part of a number, or "" when it is not one: a code
// without its agency ("261207-0002", or its start), or at least
// dossier.MinDigits digits, separators allowed ("0002", "5001", "0912 345
// 678", "+84 912…"), which find a code's number, a phone number or any
// identifier containing them. Whole identifiers (idQuery) are found this
// way too: every identifier's every tail is in the index.
func searchDigits(q string) string {
	if tailQuery.MatchString(q) {
		return q
	}
	if digits := dossier.Digits(q); len(digits) >= dossier.MinDigits && !strings.Contains(q, "-") {
		return digits
	}
	return ""
}

const (
	// searchChunk is how many index entries a search reads at a time.
	searchChunk = 256
	// countCap is where a count stops when each match must be read to
	// know whether it counts (a filter its index does not answer).
	countCap = 1000
)

// Search returns one page of dossiers matching the request, newest first
// when no query orders them.
func (s *Dossiers) Search(ctx context.Context, req SearchRequest) (SearchReply, error) {
	if req.Count && standingOnly(req) {
		// The list's overdue and due-soon counts: exact, from the
		// standing index (standing_count.go).
		return s.searchStanding(req)
	}
	if req.Count {
		if out, ok, err := s.searchCovered(req); ok || err != nil {
			return out, err
		}
	}
	out, err := s.search(req)
	if !req.Count {
		// A count stopped at the page is no total.
		out.Total, out.TotalCapped = 0, false
	}
	return out, err
}

func (s *Dossiers) search(req SearchRequest) (SearchReply, error) {
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
	from, err := searchDay("receivedFrom", req.ReceivedFrom)
	if err != nil {
		return SearchReply{}, err
	}
	to, err := searchDay("receivedTo", req.ReceivedTo)
	if err != nil {
		return SearchReply{}, err
	}
	if from != "" && to != "" && to < from {
		return SearchReply{}, FieldError("receivedTo", "the period ends before it starts")
	}
	plan := planSearch(req, from, to)
	cal, err := s.cal.calendarFor(d.Store)
	if err != nil {
		return SearchReply{}, err
	}
	judge := newStandings(d.Store, cal, s.now())
	skip := (req.Page - 1) * req.PageSize
	out := SearchReply{Items: []DossierSummary{}, Page: req.Page, PageSize: req.PageSize}
	seen := map[string]bool{}
	// The due-soon dossiers come after the overdue ones in the due index
	// (thousands in a province: 5 s of CPU for the due-soon page of 100k
	// dossiers with 6.7k overdue). They are known from the standing index
	// without reading any dossier, so only those are read. The overdue
	// page needs no such help: its dossiers come first.
	var standing map[string]bool
	if plan.index == dossier.IndexDue && req.DueSoon && !req.Overdue {
		if standing, err = standingSubjects(d.Store, judge, req.Overdue); err != nil {
			return SearchReply{}, err
		}
	}
	after := plan.start
	for {
		hits, err := d.Store.Scan(dossierProjID, plan.index, store.ScanOptions{Prefix: plan.prefix, Reverse: plan.reverse, After: after, Limit: searchChunk})
		if err != nil {
			return SearchReply{}, Wrap(CodeInternal, err, "searching")
		}
		for _, h := range hits {
			if seen[h.Subject] {
				continue
			}
			day := plan.day(h.Key)
			if plan.reverse && from != "" && day != "" && day < from {
				// Newest first: every later key is older still.
				return out, nil
			}
			if (from != "" && day != "" && day < from) || (to != "" && day > to) {
				continue
			}
			seen[h.Subject] = true
			full := len(out.Items) == req.PageSize
			if full && plan.covers {
				// The index alone answers: a key found is a match, counted
				// without reading its dossier.
				out.More = true
				if !req.Count {
					return out, nil
				}
				out.Total++
				continue
			}
			if standing != nil && !standing[h.Subject] {
				continue
			}
			var ds dossier.Dossier
			if ok, err := readState(d.Store, dossierProjID, h.Subject, &ds); err != nil {
				return SearchReply{}, err
			} else if !ok || !s.matches(ds, req, from, to, judge) {
				continue
			}
			out.Total++
			switch {
			case skip > 0:
				skip--
			case full:
				out.More = true
				if !req.Count {
					return out, nil
				}
				if out.Total >= s.countLimit {
					out.TotalCapped = true
					return out, nil
				}
			default:
				out.Items = append(out.Items, summarise(ds, judge))
			}
		}
		if len(hits) < searchChunk {
			return out, nil
		}
		last := hits[len(hits)-1]
		after = &last
	}
}

// singleKeyed are the indexes that hold one key per dossier: a count of
// their keys is a count of dossiers.
var singleKeyed = map[string]bool{
	dossier.IndexReceived: true, dossier.IndexReceiver: true, dossier.IndexStatus: true,
	dossier.IndexProcedure: true, dossier.IndexHolder: true,
}

// searchCovered answers a search whose index alone tells the matches (the
// whole list, a day's or a clerk's receptions, a status…): the page as any
// search finds it, the total counted from the index's keys (store.Count)
// rather than listed. ok is false for any other search.
func (s *Dossiers) searchCovered(req SearchRequest) (out SearchReply, ok bool, err error) {
	from, err1 := searchDay("receivedFrom", req.ReceivedFrom)
	to, err2 := searchDay("receivedTo", req.ReceivedTo)
	if err1 != nil || err2 != nil || (from != "" && to != "" && to < from) {
		return out, false, nil // search reports it
	}
	plan := planSearch(req, from, to)
	if !plan.covers || !singleKeyed[plan.index] {
		return out, false, nil
	}
	var lo, hi []byte
	if plan.index == dossier.IndexReceived || plan.index == dossier.IndexReceiver || plan.index == dossier.IndexStatus {
		// Keys end with the day of reception.
		lo = []byte(from)
		if to != "" {
			hi = append([]byte(to), 0xff)
		}
	}
	page := req
	page.Count = false
	if out, err = s.search(page); err != nil {
		return out, true, err
	}
	d, err := s.core.Deps()
	if err != nil {
		return out, true, err
	}
	if out.Total, err = d.Store.Count(dossierProjID, plan.index, plan.prefix, lo, hi); err != nil {
		return out, true, Wrap(CodeInternal, err, "counting the dossiers")
	}
	return out, true, nil
}

// searchPlan is the index a search scans and what its keys tell.
type searchPlan struct {
	index   string
	prefix  []byte
	reverse bool
	// start, when set, is where a backwards scan begins: just past the
	// last day asked for.
	start *store.Hit
	// day returns the day of reception a key names (YYYYMMDD), or "" when
	// the index does not hold it.
	day func(key []byte) string
	// covers tells that a key found (and within the days) is a match: no
	// filter needs the dossier read to count it.
	covers bool
}

// planSearch chooses the index for a request: the query's, else the
// narrowest filter's (the receiving clerk, the days of reception, the
// status…), else the days of reception, newest first.
func planSearch(req SearchRequest, from, to string) searchPlan {
	q := strings.TrimSpace(req.Query)
	noDay := func([]byte) string { return "" }
	p := searchPlan{index: dossier.IndexReceived, reverse: true, day: func(k []byte) string { return string(k) }}
	// What the chosen index leaves for matches to check: a request with
	// these cleared that still filters needs each dossier read.
	rest := req
	rest.Query, rest.Page, rest.PageSize, rest.Count = "", 0, 0, false
	switch digits := searchDigits(q); {
	// An organisation's code with its branch ("2801234567-001") would
	// read as a dossier code: identifiers are tried first.
	case q != "" && idQuery.MatchString(q) && strings.Contains(q, "-"):
		p = searchPlan{index: dossier.IndexCitizen, prefix: []byte(q), day: noDay}
	case digits != "":
		p = searchPlan{index: dossier.IndexDigits, prefix: []byte(digits), day: noDay}
	case q != "" && codeQuery.MatchString(q):
		p = searchPlan{index: dossier.IndexCode, prefix: []byte(strings.ToUpper(q[:1]) + q[1:]), day: noDay}
		if strings.ContainsAny(q, "abcdefghijklmnopqrstuvwxyz") {
			p.prefix = []byte(q)
		}
	case q != "":
		p = searchPlan{index: dossier.IndexName, prefix: []byte(dossier.FoldName(q)), day: noDay}
	case req.ReceivedBy != "":
		prefix := append([]byte(req.ReceivedBy), 0)
		p = searchPlan{index: dossier.IndexReceiver, prefix: prefix, reverse: true, day: func(k []byte) string {
			return string(k[min(len(prefix), len(k)):])
		}}
		rest.ReceivedBy, rest.ReceivedFrom, rest.ReceivedTo = "", "", ""
	case req.ReceivedFrom != "" || req.ReceivedTo != "" || (req.Status == "" && req.Procedure == "" && req.Holder == "" && !req.Overdue && !req.DueSoon && req.Office == ""):
		// The days of reception, newest first (the whole list when
		// nothing filters).
		rest.ReceivedFrom, rest.ReceivedTo = "", ""
	case req.Status != "":
		// Newest first, as the whole list: the keys end with the day.
		prefix := []byte(req.Status + "\x00")
		p = searchPlan{index: dossier.IndexStatus, prefix: prefix, reverse: true, day: func(k []byte) string {
			return string(k[min(len(prefix), len(k)):])
		}}
		rest.Status = ""
	case req.Procedure != "":
		p = searchPlan{index: dossier.IndexProcedure, prefix: []byte(req.Procedure + "\x00"), day: noDay}
		rest.Procedure = ""
	case req.Holder != "":
		p = searchPlan{index: dossier.IndexHolder, prefix: []byte(req.Holder + "\x00"), day: noDay}
		rest.Holder = ""
	case req.Overdue || req.DueSoon:
		p = searchPlan{index: dossier.IndexDue, day: noDay}
	case req.Office != "":
		p = searchPlan{index: dossier.IndexOffice, prefix: []byte(req.Office + "\x00"), day: noDay}
		rest.Office = ""
	}
	if p.reverse && to != "" {
		// Backwards from just past the last day: every key of that day
		// sorts below it.
		p.start = &store.Hit{Key: append(append(slices.Clone(p.prefix), to...), 0xff)}
	}
	p.covers = rest == SearchRequest{}
	return p
}

// searchDay reads a day of a request (YYYY-MM-DD) as an index key
// (YYYYMMDD); "" stays "".
func searchDay(field, v string) (string, error) {
	if v = strings.TrimSpace(v); v == "" {
		return "", nil
	}
	dt, err := calendar.ParseDate(v)
	if err != nil {
		return "", FieldError(field, "%s must be a date YYYY-MM-DD", field)
	}
	return fmt.Sprintf("%04d%02d%02d", dt.Year, int(dt.Month), dt.Day), nil
}

// matches applies the filters the chosen index did not; from and to are
// the days of reception as index keys (YYYYMMDD).
func (s *Dossiers) matches(ds dossier.Dossier, req SearchRequest, from, to string, judge *standings) bool {
	if from != "" || to != "" {
		day := string(dossier.DayKey(ds.ReceivedAt))
		if ds.ReceivedAt.IsZero() || (from != "" && day < from) || (to != "" && day > to) {
			return false
		}
	}
	if req.ReceivedBy != "" && ds.ReceivedBy() != req.ReceivedBy {
		return false
	}
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
