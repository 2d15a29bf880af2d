package app

import (
	"context"
	"slices"
	"strings"

	"hoso/dossier"
	"hoso/report"
	"hoso/store"
)

const (
	scoresPrefix  = "scores/"
	kindScoresSet = "report.scores_set"
	scoresProjID  = "scores"
)

// scoresRecord holds the indicator points entered by hand for an office or
// an officer in a period.
type scoresRecord struct {
	Scores  map[string]float64 `json:"scores"`
	Version int                `json:"version"`
}

var scoresProjection = jsonProjection[scoresRecord]{
	name:   scoresProjID,
	prefix: scoresPrefix,
	apply: func(s *scoresRecord, e *store.Event) {
		var b struct {
			Scores map[string]float64 `json:"scores"`
		}
		if e.Kind == kindScoresSet && decodeBody(e, &b) {
			s.Scores, s.Version = b.Scores, s.Version+1
		}
	},
}

// scoresSubject is the record of the manual scores of who (an office code
// or "user:" and a user ID) in a period.
func scoresSubject(who string, officer bool, p report.Period) string {
	if officer {
		who = "user:" + who
	}
	return scoresPrefix + who + "/" + p.Label + "/" + string(p.Window)
}

// SatisfactionEntry is the satisfaction of one office or officer.
type SatisfactionEntry struct {
	report.Satisfaction
	Name string `json:"name"`
}

// SatisfactionReply is satisfaction by office and by officer in a period.
type SatisfactionReply struct {
	Period     report.Period       `json:"period"`
	Scale      dossier.Scale       `json:"scale"`
	Indicators []report.Indicator  `json:"indicators"`
	Offices    []SatisfactionEntry `json:"offices"`
	Officers   []SatisfactionEntry `json:"officers"`
}

// Satisfaction computes, for each office of the subtree and each officer
// who handled its dossiers, the ratings in the period on the configured
// scale, the share satisfied, the nine indicators (from the records where
// they allow, else entered by hand) and the grade.
func (r *Reports) Satisfaction(ctx context.Context, req ReportRequest) (SatisfactionReply, error) {
	s, err := r.scopeFor(ctx, req)
	if err != nil {
		return SatisfactionReply{}, err
	}
	satisfied, scale, err := satisfiedFunc(s.st)
	if err != nil {
		return SatisfactionReply{}, err
	}
	indicators := report.DefaultIndicators()
	out := SatisfactionReply{Period: s.period, Scale: scale, Indicators: indicators, Offices: []SatisfactionEntry{}, Officers: []SatisfactionEntry{}}
	byOffice := map[string][]*report.Fact{}
	byOfficer := map[string][]*report.Fact{}
	for i := range s.facts {
		f := &s.facts[i]
		byOffice[f.Office] = append(byOffice[f.Office], f)
		for _, o := range f.Officers {
			byOfficer[o] = append(byOfficer[o], f)
		}
	}
	score := func(who, name string, officer bool, facts []*report.Fact) (SatisfactionEntry, error) {
		var manual scoresRecord
		if _, err := readState(s.st, scoresProjID, scoresSubject(who, officer, s.period), &manual); err != nil {
			return SatisfactionEntry{}, err
		}
		sat := report.ScoreSatisfaction(report.SatisfactionInput{
			Who: who, Facts: facts, Period: s.period, Rules: s.rules, Indicators: indicators,
			Satisfied: satisfied, Manual: manual.Scores, Officer: officer,
		})
		return SatisfactionEntry{Satisfaction: sat, Name: name}, nil
	}
	for _, o := range s.offices {
		e, err := score(o.Code, o.Name, false, byOffice[o.Code])
		if err != nil {
			return SatisfactionReply{}, err
		}
		out.Offices = append(out.Offices, e)
	}
	officers := make([]string, 0, len(byOfficer))
	for id := range byOfficer {
		officers = append(officers, id)
	}
	slices.Sort(officers)
	for _, id := range officers {
		name := id
		if u, err := getUser(s.st, id); err == nil {
			name = u.FullName
		}
		e, err := score(id, name, true, byOfficer[id])
		if err != nil {
			return SatisfactionReply{}, err
		}
		out.Officers = append(out.Officers, e)
	}
	return out, nil
}

// ScoresRequest records the indicator points entered by hand for an office
// (Officer false, Who its code) or an officer (Who the user ID) in a
// period.
type ScoresRequest struct {
	ReportRequest
	Who     string             `json:"who"`
	Officer bool               `json:"officer"`
	Scores  map[string]float64 `json:"scores"`
}

// SetScores records the manual indicator points of an office or officer in
// a period: only indicators the records cannot score, 0 to 2 points each.
func (r *Reports) SetScores(ctx context.Context, req ScoresRequest) (SatisfactionReply, error) {
	s, err := r.scopeFor(ctx, req.ReportRequest)
	if err != nil {
		return SatisfactionReply{}, err
	}
	who := strings.TrimSpace(req.Who)
	if who == "" {
		return SatisfactionReply{}, FieldError("who", "say whose scores these are")
	}
	if !req.Officer && !slices.ContainsFunc(s.offices, func(o OfficeRecord) bool { return o.Code == who }) {
		return SatisfactionReply{}, FieldError("who", "office %s is not %s or below it", who, s.root.Code)
	}
	if req.Officer {
		if _, err := getUser(s.st, who); err != nil {
			return SatisfactionReply{}, FieldError("who", "there is no user %s", who)
		}
	}
	indicators := report.DefaultIndicators()
	for key, pts := range req.Scores {
		i := slices.IndexFunc(indicators, func(ind report.Indicator) bool { return ind.Key == key })
		switch {
		case i < 0:
			return SatisfactionReply{}, FieldError("scores."+key, "there is no indicator %q", key)
		case indicators[i].Auto != "":
			return SatisfactionReply{}, FieldError("scores."+key, "indicator %q is scored from the records", key)
		case req.Officer && !indicators[i].Officer:
			return SatisfactionReply{}, FieldError("scores."+key, "indicator %q does not score officers", key)
		case pts < 0 || pts > 2:
			return SatisfactionReply{}, FieldError("scores."+key, "points must be 0 to 2")
		}
	}
	cl := CallerFrom(ctx)
	body := mustJSON(map[string]any{"scores": req.Scores})
	draft := store.Draft{Actor: cl.Actor(), Owner: callerOffice(s.st, cl), Kind: kindScoresSet, Subject: scoresSubject(who, req.Officer, s.period), Body: body}
	if _, err := s.st.Append(draft); err != nil {
		return SatisfactionReply{}, appendErr(err, "saving the scores")
	}
	return r.Satisfaction(ctx, req.ReportRequest)
}
