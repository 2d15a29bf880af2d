package iso

import (
	"fmt"
	"time"

	"hoso/dossier"
	"hoso/report"
)

// The ISO 9001:2015 clauses the automatic rules cite: control of the
// provision of the service (a dossier or a step late, a second request to
// supplement), control of nonconforming outputs (an apology admits one) and
// customer satisfaction (a citizen not satisfied).
const (
	ClauseServiceProvision = "8.5.1"
	ClauseNonconforming    = "8.7"
	ClauseSatisfaction     = "9.1.2"
)

// The rules' names, in the words the log shows (Vietnamese: the log is the
// office's record).
const (
	ruleLateDossier      = "Hồ sơ giải quyết quá hạn"
	ruleLateStep         = "Bước xử lý quá hạn"
	ruleSecondSupplement = "Yêu cầu bổ sung hồ sơ lần thứ hai"
	ruleNotSatisfied     = "Công dân đánh giá không hài lòng"
	ruleApology          = "Phát hành thư xin lỗi, hẹn lại ngày trả kết quả"
)

// AutoNCs returns the nonconformities the work itself raises from one
// dossier's facts at now: late (its result later than its due date, as
// the reports judge it), each late step (done after its due date, or still
// open past it), a second request to supplement, a citizen's rating that
// is not satisfied, and an apology. satisfied tells whether a rating
// value counts as satisfied (the office's scale); nil uses the default
// scale.
//
// Each has Cause = CauseKey(…) and ID = AutoNCID(Cause), so running the
// rules again over the same dossier, later or on another desk, gives the
// same causes: the caller raises only those not raised yet.
func AutoNCs(d dossier.Dossier, now time.Time, satisfied func(rating string) bool) []NCRaised {
	if d.Code == "" || d.ReceivedAt.IsZero() {
		return nil
	}
	if satisfied == nil {
		satisfied = defaultSatisfied
	}
	var out []NCRaised
	add := func(source NCSource, step int, rule, clause, title string, at time.Time) {
		cause := CauseKey(source, d.Code, step)
		out = append(out, NCRaised{
			ID: AutoNCID(cause), Office: d.Office, Source: source, Cause: cause, Rule: rule,
			Dossier: d.Code, Process: d.Procedure.Code, Clause: clause, Title: title, RaisedAt: at,
		})
	}
	if f, ok := report.FromDossier(d); ok && f.Resolved > 0 && f.Timing == dossier.TimingLate {
		add(SourceLateDossier, 0, ruleLateDossier, ClauseServiceProvision,
			fmt.Sprintf("Hồ sơ %s trả kết quả sau ngày hẹn", d.Code), time.Unix(f.Resolved, 0))
	}
	for _, s := range d.Steps {
		if late, at := stepLate(s, now); late {
			name := s.Name
			if name == "" {
				name = string(s.Kind)
			}
			add(SourceLateStep, s.No, ruleLateStep, ClauseServiceProvision,
				fmt.Sprintf("Hồ sơ %s: bước %d (%s) quá hạn", d.Code, s.No, name), at)
		}
	}
	if len(d.Supplements) >= 2 {
		add(SourceSecondSupplement, 0, ruleSecondSupplement, ClauseServiceProvision,
			fmt.Sprintf("Hồ sơ %s bị yêu cầu bổ sung lần thứ hai", d.Code), d.Supplements[1].At)
	}
	if r := d.Rating; r != nil && r.Value != "" && !satisfied(r.Value) {
		add(SourceNotSatisfied, 0, ruleNotSatisfied, ClauseSatisfaction,
			fmt.Sprintf("Công dân không hài lòng với hồ sơ %s", d.Code), r.At)
	}
	for _, dl := range d.Deadlines {
		if dl.Reason == dossier.DeadlineReschedule {
			add(SourceApology, 0, ruleApology, ClauseNonconforming,
				fmt.Sprintf("Hồ sơ %s phải xin lỗi và hẹn lại ngày trả", d.Code), dl.At)
			break
		}
	}
	return out
}

// stepLate reports whether a step is late: done on a day after its due
// day, or still open on a day after it. at is when it became a
// nonconformity: when it was done, or now for an open one.
func stepLate(s dossier.StepRow, now time.Time) (bool, time.Time) {
	if s.Due.IsZero() {
		return false, time.Time{}
	}
	if !s.Done.IsZero() {
		return dossier.Classify(s.Done, s.Due) == dossier.TimingLate, s.Done
	}
	return dossier.Classify(now, s.Due) == dossier.TimingLate, now
}

// defaultSatisfied tells the default scale's satisfied answers.
func defaultSatisfied(v string) bool {
	for _, s := range dossier.DefaultScale() {
		if s.Value == v {
			return s.Satisfied
		}
	}
	return true
}

// Unraised keeps the candidates whose cause has not been raised yet
// (raised reports those that have), each cause once: the rule that a cause
// never raises two nonconformities.
func Unraised(candidates []NCRaised, raised func(cause string) bool) []NCRaised {
	seen := map[string]bool{}
	var out []NCRaised
	for _, c := range candidates {
		if seen[c.Cause] || raised(c.Cause) {
			continue
		}
		seen[c.Cause] = true
		out = append(out, c)
	}
	return out
}
