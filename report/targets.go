package report

import (
	"slices"

	"hoso/catalog"
)

// Target keys: the 2012 plan's goals (DOMAIN §7).
const (
	// TargetOneStop is the share of the catalog's procedures handled
	// through the one-stop desk (goal 100%).
	TargetOneStop = "one_stop"
	// TargetSameLevel is the share of dossiers of procedures involving
	// agencies of one level handled as liên thông (goal ≥ 80%).
	TargetSameLevel = "same_level"
	// TargetCrossLevel is the same for agencies of several levels (goal
	// ≥ 70%).
	TargetCrossLevel = "cross_level"
	// TargetSatisfied is the share of ratings that are satisfied (goal
	// > 60%).
	TargetSatisfied = "satisfied"
)

// Target is one goal with the office's figure.
type Target struct {
	Key string `json:"key"`
	// Numerator / Denominator is the figure; Value is it as a fraction, 0
	// when the denominator is 0 (and Known is false).
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Value       float64 `json:"value"`
	Known       bool    `json:"known"`
	// Goal is the plan's fraction; Strict means the figure must exceed
	// it, not just reach it.
	Goal   float64 `json:"goal"`
	Strict bool    `json:"strict"`
	Met    bool    `json:"met"`
}

// newTarget fills the figure and whether it meets its goal.
func newTarget(key string, num, den int, goal float64, strict bool) Target {
	t := Target{Key: key, Numerator: num, Denominator: den, Goal: goal, Strict: strict}
	if den > 0 {
		t.Known = true
		t.Value = float64(num) / float64(den)
		t.Met = t.Value >= goal && !(strict && t.Value == goal)
	}
	return t
}

// TargetInput is what the targets are computed from.
type TargetInput struct {
	Facts  []Fact
	Period Period
	Rules  Rules
	// Procedures are the catalog's procedures the offices handle: active,
	// of the levels of the offices in scope.
	Procedures []catalog.Procedure
	// Satisfied reports whether a rating value counts as satisfied on the
	// configured scale.
	Satisfied func(value string) bool
}

// TargetMember reports whether a fact counts in a target's denominator
// and numerator for the period; for TargetOneStop it is whether its
// procedure counts as handled.
func TargetMember(key string, f *Fact, in *TargetInput, interagency map[string]catalog.Interagency) (inDen, inNum bool) {
	switch key {
	case TargetSameLevel, TargetCrossLevel:
		want := catalog.InteragencySameLevel
		if key == TargetCrossLevel {
			want = catalog.InteragencyCrossLevel
		}
		if interagency[f.Procedure] != want || !Within(counted(f, in.Rules), in.Period.Start, in.Period.End) {
			return false, false
		}
		return true, f.Transfers > 0
	case TargetSatisfied:
		if f.Rating == "" || !Within(f.Rated, in.Period.Start, in.Period.End) {
			return false, false
		}
		return true, in.Satisfied != nil && in.Satisfied(f.Rating)
	case TargetOneStop:
		return true, Within(counted(f, in.Rules), in.Period.Start, in.Period.End)
	}
	return false, false
}

// Interagency maps procedure codes to their liên thông kind.
func Interagency(ps []catalog.Procedure) map[string]catalog.Interagency {
	m := make(map[string]catalog.Interagency, len(ps))
	for _, p := range ps {
		m[p.Code] = p.Interagency
	}
	return m
}

// Targets computes the four goals. The one-stop share counts the
// procedures of in.Procedures with at least one dossier received through
// the desk in the period; the liên thông shares count dossiers received in
// the period; the satisfied share counts ratings given in the period.
func Targets(in TargetInput) []Target {
	ia := Interagency(in.Procedures)
	handled := map[string]bool{}
	var sameDen, sameNum, crossDen, crossNum, satDen, satNum int
	for i := range in.Facts {
		f := &in.Facts[i]
		if _, num := TargetMember(TargetOneStop, f, &in, ia); num {
			handled[f.Procedure] = true
		}
		if den, num := TargetMember(TargetSameLevel, f, &in, ia); den {
			sameDen++
			if num {
				sameNum++
			}
		}
		if den, num := TargetMember(TargetCrossLevel, f, &in, ia); den {
			crossDen++
			if num {
				crossNum++
			}
		}
		if den, num := TargetMember(TargetSatisfied, f, &in, ia); den {
			satDen++
			if num {
				satNum++
			}
		}
	}
	oneNum := 0
	for _, p := range in.Procedures {
		if handled[p.Code] {
			oneNum++
		}
	}
	return []Target{
		newTarget(TargetOneStop, oneNum, len(in.Procedures), 1.0, false),
		newTarget(TargetSameLevel, sameNum, sameDen, 0.8, false),
		newTarget(TargetCrossLevel, crossNum, crossDen, 0.7, false),
		newTarget(TargetSatisfied, satNum, satDen, 0.6, true),
	}
}

// MonthRate is the on-time rate of one month.
type MonthRate struct {
	Month    string `json:"month"`
	Resolved int    `json:"resolved"`
	// OnTime counts the results early or on time.
	OnTime int     `json:"onTime"`
	Rate   float64 `json:"rate"`
}

// OnTimeByMonth returns, for the twelve calendar months ending with the
// period's last, how many dossiers were resolved and how many of them
// early or on time on the rules' timing basis, as columns 8 and 9 count.
func OnTimeByMonth(facts []Fact, p Period, r Rules) []MonthRate {
	months := Months(p.End)
	out := make([]MonthRate, len(months))
	for i, m := range months {
		out[i].Month = m.Label
	}
	for i := range facts {
		f := &facts[i]
		res := resolvedAt(f, r)
		if res == 0 {
			continue
		}
		j := slices.IndexFunc(months, func(m Period) bool { return Within(res, m.Start, m.End) })
		if j < 0 {
			continue
		}
		out[j].Resolved++
		if t := f.TimingBy(r.TimingBasis); t == "early" || t == "on_time" {
			out[j].OnTime++
		}
	}
	for i := range out {
		if out[i].Resolved > 0 {
			out[i].Rate = float64(out[i].OnTime) / float64(out[i].Resolved)
		}
	}
	return out
}
