package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"hoso/complaint"
	"hoso/dossier"
	"hoso/print"
	"hoso/store"
)

// Rules shows the law as data: every version of the rules an office
// published (calendar rules and overrides, report rules, form templates,
// catalog entries), who published it, on what basis and from when.
type Rules struct {
	core *Core
}

// NewRules returns the Rules service.
func NewRules(core *Core) *Rules { return &Rules{core: core} }

// RuleKind is the kind of rule a change is to.
type RuleKind string

// The kinds of rule the history lists.
const (
	RuleKindCalendar RuleKind = "calendar" // holiday and due rules (Calendar.SetRules)
	RuleKindOverride RuleKind = "override" // a year's decided days (Calendar.SetOverride)
	RuleKindReport   RuleKind = "report"   // report rules (Reports.SetRules)
	RuleKindTemplate RuleKind = "template" // a form template (Print.SetTemplate)
	RuleKindCatalog  RuleKind = "catalog"  // a catalog entry (Catalog.Save, Import)
	// RuleKindComplaint is the complaint legal times (Complaints.SetLimits).
	RuleKindComplaint RuleKind = "complaint"
)

// ruleKinds lists the kinds in the order the history reads them.
var ruleKinds = []RuleKind{RuleKindCalendar, RuleKindOverride, RuleKindReport, RuleKindComplaint, RuleKindTemplate, RuleKindCatalog}

// officeRulePrefixes are the kinds whose records are an office's own
// (subject prefix + office code), with that prefix: their projections fold
// only events the office itself signed.
var officeRulePrefixes = map[RuleKind]string{
	RuleKindCalendar:  calendarRulesPrefix,
	RuleKindReport:    reportRulesPrefix,
	RuleKindComplaint: complaint.LimitsPrefix,
}

// RulesHistoryRequest selects the kind of rule; empty is every kind.
type RulesHistoryRequest struct {
	Kind RuleKind `json:"kind"`
}

// RuleChange is one recorded version of a rule.
type RuleChange struct {
	// Kind is one of calendar, override, report, complaint, template,
	// catalog.
	Kind RuleKind `json:"kind"`
	// Subject is the record ("calendar/rules/38"); Records.History gives
	// its signed events.
	Subject string `json:"subject"`
	// Event is the event's kind ("calendar.rules_published").
	Event string `json:"event"`
	// Summary says which rule: the year of an override, the form set and
	// paper of a template, the code and name of a procedure.
	Summary string `json:"summary"`
	// Version is the change's number among the subject's changes, from 1.
	Version int `json:"version"`
	// Office is the office that signed it, OfficeName its name.
	Office     string `json:"office"`
	OfficeName string `json:"officeName"`
	// Actor is the user who recorded it, ActorName their name.
	Actor     string `json:"actor"`
	ActorName string `json:"actorName"`
	// Basis and Effective are the legal basis and the first day in force,
	// when the change gives them.
	Basis     string `json:"basis,omitempty"`
	Effective string `json:"effective,omitempty"`
	// RecordedAt is when it was recorded (the event's clock).
	RecordedAt time.Time `json:"recordedAt"`
	// Applies reports whether it comes from this node's office or an office
	// above it, the only offices whose rules this desk applies (catalog
	// entries apply from any office today).
	Applies bool `json:"applies"`
}

// RulesHistoryReply lists the changes, most recent first.
type RulesHistoryReply struct {
	Changes []RuleChange `json:"changes"`
}

// History returns the history of rule versions held on this node, most
// recent first.
func (r *Rules) History(req RulesHistoryRequest) (RulesHistoryReply, error) {
	kinds := ruleKinds
	if k := RuleKind(strings.TrimSpace(string(req.Kind))); k != "" {
		if !slices.Contains(ruleKinds, k) {
			names := make([]string, len(ruleKinds))
			for i, k := range ruleKinds {
				names[i] = string(k)
			}
			return RulesHistoryReply{}, FieldError("kind", "the kind is one of %s", strings.Join(names, ", "))
		}
		kinds = []RuleKind{k}
	}
	d, err := r.core.Deps()
	if err != nil {
		return RulesHistoryReply{}, err
	}
	st := d.Store
	path, err := officePath(st, nodeOffice(st))
	if err != nil {
		return RulesHistoryReply{}, err
	}
	offices, err := officeCodes(st)
	if err != nil {
		return RulesHistoryReply{}, err
	}
	out := RulesHistoryReply{Changes: []RuleChange{}}
	names := map[string]string{}
	for _, kind := range kinds {
		subjects, err := ruleSubjects(st, kind, offices)
		if err != nil {
			return RulesHistoryReply{}, err
		}
		for _, subject := range subjects {
			evs, err := st.Events(subject)
			if err != nil {
				return RulesHistoryReply{}, Wrap(CodeInternal, err, "reading "+subject)
			}
			for i, e := range evs {
				c := ruleChange(kind, e)
				c.Version = i + 1
				c.Applies = kind == RuleKindCatalog || slices.Contains(path, e.Owner)
				if prefix, owned := officeRulePrefixes[kind]; owned && e.Owner != subjectOffice(e.Subject, prefix) {
					// Written under another office's name: its projection
					// never folds it, so it applies nowhere.
					c.Applies = false
				}
				if _, ok := names[e.Owner]; !ok {
					o, _ := getOffice(st, e.Owner)
					names[e.Owner] = o.Name
				}
				c.OfficeName = names[e.Owner]
				if _, ok := names["u:"+e.Actor]; !ok {
					names["u:"+e.Actor] = userName(st, e.Actor)
				}
				c.ActorName = names["u:"+e.Actor]
				out.Changes = append(out.Changes, c)
			}
		}
	}
	slices.SortStableFunc(out.Changes, func(a, b RuleChange) int { return b.RecordedAt.Compare(a.RecordedAt) })
	return out, nil
}

// officeCodes lists the offices known here.
func officeCodes(st *store.Store) ([]string, error) {
	hits, err := st.Scan(officeProjection.name, "code", store.ScanOptions{})
	if err != nil {
		return nil, Wrap(CodeInternal, err, "reading the offices")
	}
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = string(h.Key)
	}
	return out, nil
}

// ruleSubjects lists the subjects of a kind of rule that may have events.
func ruleSubjects(st *store.Store, kind RuleKind, offices []string) ([]string, error) {
	scan := func(proj, index string) ([]string, error) {
		hits, err := st.Scan(proj, index, store.ScanOptions{})
		if err != nil {
			return nil, Wrap(CodeInternal, err, "reading the "+string(kind)+" rules")
		}
		out := make([]string, len(hits))
		for i, h := range hits {
			out[i] = h.Subject
		}
		return out, nil
	}
	switch kind {
	case RuleKindCalendar:
		return scan(calendarRulesProjID, "office")
	case RuleKindOverride:
		return scan(calendarProjectionID, "year")
	case RuleKindCatalog:
		return scan(procedureProjID, "code")
	case RuleKindReport, RuleKindComplaint:
		prefix := reportRulesPrefix
		if kind == RuleKindComplaint {
			prefix = complaint.LimitsPrefix
		}
		out := make([]string, len(offices))
		for i, o := range offices {
			out[i] = prefix + o
		}
		return out, nil
	case RuleKindTemplate:
		var out []string
		for _, o := range offices {
			for _, set := range print.SetIDs() {
				for _, doc := range print.Docs {
					out = append(out, templateSubject(o, set, doc))
				}
			}
			for _, form := range []string{"01", "02", "03", "04", "05", "06"} {
				out = append(out, legacyTemplateSubject(o, form))
			}
		}
		return out, nil
	}
	return nil, nil
}

// ruleChange reads what an event of a kind of rule says about itself.
func ruleChange(kind RuleKind, e *store.Event) RuleChange {
	c := RuleChange{Kind: kind, Subject: e.Subject, Event: e.Kind, Office: e.Owner, Actor: e.Actor, RecordedAt: e.HLC.Time()}
	var body map[string]json.RawMessage
	_ = json.Unmarshal(e.Body, &body)
	str := func(m map[string]json.RawMessage, k string) string {
		var s string
		_ = json.Unmarshal(m[k], &s)
		return s
	}
	c.Basis, c.Effective = str(body, "basis"), str(body, "effective")
	switch kind {
	case RuleKindOverride:
		c.Summary = strings.TrimPrefix(e.Subject, calendarPrefix)
		if c.Basis == "" {
			c.Basis = str(body, "notes")
		}
	case RuleKindTemplate:
		parts := strings.SplitN(strings.TrimPrefix(e.Subject, templatePrefix), "/", 2)
		if len(parts) == 2 {
			c.Summary = parts[1]
		}
	case RuleKindCatalog:
		c.Summary = strings.TrimSpace(str(body, "code") + " " + str(body, "name"))
		if c.Effective == "" {
			var fee map[string]json.RawMessage
			if json.Unmarshal(body["fee"], &fee) == nil {
				c.Effective = str(fee, "effective")
			}
		}
	case RuleKindCalendar:
		c.Summary = c.Effective
	case RuleKindComplaint:
		var l complaint.LimitsSet
		if json.Unmarshal(e.Body, &l) == nil {
			c.Summary = fmt.Sprintf("%d · %d · %d · %d", l.Limits.Refuse, l.Limits.AskMore, l.Limits.Answer, l.Limits.Publish)
		}
	}
	return c
}

// dossierRules returns the versions of the rules a dossier received at at
// under procedure ref with form set formSet is computed under, for the
// Received body: the calendar's (see Calendar.rulesUsed), "catalog"
// ("<code>@<version>") and "forms" (the form set). A calendar that cannot
// be read leaves its entries out rather than stop the reception.
func dossierRules(cal *Calendar, st *store.Store, at time.Time, ref dossier.ProcedureRef, formSet string) map[string]string {
	out, err := cal.rulesUsed(st, at)
	if err != nil || out == nil {
		out = map[string]string{}
	}
	out["catalog"] = ref.Code + "@" + strconv.Itoa(ref.Version)
	if formSet != "" {
		out["forms"] = formSet
	}
	return out
}
