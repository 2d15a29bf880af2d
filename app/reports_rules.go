package app

import (
	"context"
	"errors"
	"strings"

	"hoso/report"
	"hoso/store"
)

const (
	reportRulesPrefix  = "reportrules/"
	kindReportRulesSet = "report.rules_set"
	reportRulesProjID  = "reportrules"
)

// rulesRecord is an office's report rules, folded from their events.
type rulesRecord struct {
	Rules   *report.Rules `json:"rules"`
	Version int           `json:"version"`
}

// reportRulesProjection applies only the office's own events: rules
// written by another office under its name are ignored.
var reportRulesProjection = ownedProjection[rulesRecord]{jsonProjection[rulesRecord]{
	name:   reportRulesProjID,
	prefix: reportRulesPrefix,
	apply: func(s *rulesRecord, e *store.Event) {
		var r report.Rules
		if e.Kind == kindReportRulesSet && subjectOffice(e.Subject, reportRulesPrefix) == e.Owner && decodeBody(e, &r) && r.Validate() == nil {
			s.Rules, s.Version = &r, s.Version+1
		}
	},
}}

// reportRules returns the rules in force for an office: its own, else the
// nearest office above with some, else report.DefaultRules.
func reportRules(st *store.Store, office string) (report.Rules, error) {
	rules := report.DefaultRules()
	err := upTree(st, office, func(code string) (bool, error) {
		var r rulesRecord
		if _, err := readState(st, reportRulesProjID, reportRulesPrefix+code, &r); err != nil || r.Rules == nil {
			return false, err
		}
		rules = *r.Rules
		return true, nil
	})
	return rules, err
}

// RulesRequest names the office whose report rules are read; empty is
// the caller's.
type RulesRequest struct {
	Office string `json:"office"`
}

// RulesReply is the report rules in force at an office.
type RulesReply struct {
	Office string       `json:"office"`
	Rules  report.Rules `json:"rules"`
}

// Rules returns the report rules in force at an office: the window of its
// periods, whether a dossier counts from its reception day, how far ahead
// "due soon" looks, the due date results are judged against and where
// withdrawn and stopped dossiers go, the defaults written out.
func (r *Reports) Rules(ctx context.Context, req RulesRequest) (RulesReply, error) {
	d, err := r.core.Deps()
	if err != nil {
		return RulesReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	rules, err := reportRules(d.Store, office)
	return RulesReply{Office: office, Rules: rules.Normalized()}, err
}

// SetRulesRequest is the caller's office's new report rules.
type SetRulesRequest struct {
	Rules report.Rules `json:"rules"`
}

// SetRules records the report rules of the caller's office; the offices
// below it without their own follow them. A rule out of range is refused
// with its field: "rules.window", "rules.dueSoonDays", "rules.timingBasis"
// or "rules.endedPlacement".
func (r *Reports) SetRules(ctx context.Context, req SetRulesRequest) (RulesReply, error) {
	if err := req.Rules.Validate(); err != nil {
		var re *report.RulesError
		if errors.As(err, &re) {
			return RulesReply{}, FieldError("rules."+re.Field, "%s", re.Message)
		}
		return RulesReply{}, FieldError("rules", "%s", strings.TrimPrefix(err.Error(), report.ErrPeriod.Error()+": "))
	}
	d, err := r.core.Deps()
	if err != nil {
		return RulesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindReportRulesSet, Subject: reportRulesPrefix + office, Body: mustJSON(req.Rules)}
	if _, err := d.Store.Append(draft); err != nil {
		return RulesReply{}, appendErr(err, "saving the report rules")
	}
	return r.Rules(ctx, RulesRequest{Office: office})
}
