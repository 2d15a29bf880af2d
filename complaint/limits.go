package complaint

import (
	"strings"
)

// Limits are the legal times, in working days. The defaults follow Decree
// 20/2008/NĐ-CP on receiving and handling complaints and petitions on
// administrative regulations (Articles 14, 15, 17 and 21) [verify]: refuse
// a complaint outside its scope within 2 working days of reception, ask
// for more within 5, answer within 15, and publish the answer within 2 of
// answering. They are data: the province (or an office's administrator)
// sets them for its tree when the law changes (LimitsSet).
type Limits struct {
	Refuse  int `json:"refuse"`
	AskMore int `json:"askMore"`
	Answer  int `json:"answer"`
	Publish int `json:"publish"`
}

// DefaultLimits returns the limits of Decree 20/2008/NĐ-CP [verify].
func DefaultLimits() Limits { return Limits{Refuse: 2, AskMore: 5, Answer: 15, Publish: 2} }

// DefaultBasis is the legal basis of DefaultLimits, shown with them.
const DefaultBasis = "Nghị định 20/2008/NĐ-CP, Điều 14, 15, 17, 21 [verify]"

// Bounds of a legal time, in working days: a time of 0 days would make
// every act late on the day after reception, and no text sets one longer
// than a year.
const (
	MinLimit = 1
	MaxLimit = 365
	// MaxBasis bounds the legal basis text, which travels to every office
	// below.
	MaxBasis = 500
)

// Rules of the limits, carried to the UI so a refusal is explained.
const (
	// RuleLimitRange: a legal time is outside MinLimit..MaxLimit.
	RuleLimitRange = "complaint_limit_range"
	// RuleLimitOrder: refusing or asking for more comes before the answer,
	// so their times are not longer than the answer's.
	RuleLimitOrder = "complaint_limit_order"
	// RuleLimitBasis: a change of the limits cites its legal basis.
	RuleLimitBasis = "complaint_limit_basis"
)

// Validate reports the first problem of the limits, with the field at
// fault ("refuse", "askMore", "answer", "publish").
func (l Limits) Validate() error {
	for _, x := range []struct {
		field string
		n     int
	}{{"refuse", l.Refuse}, {"askMore", l.AskMore}, {"answer", l.Answer}, {"publish", l.Publish}} {
		if x.n < MinLimit || x.n > MaxLimit {
			return ruleErr(x.field, RuleLimitRange, "a legal time of %d working days is not %d to %d", x.n, MinLimit, MaxLimit)
		}
	}
	if l.Refuse > l.Answer {
		return ruleErr("refuse", RuleLimitOrder, "the time to refuse (%d) is longer than the time to answer (%d)", l.Refuse, l.Answer)
	}
	if l.AskMore > l.Answer {
		return ruleErr("askMore", RuleLimitOrder, "the time to ask for more (%d) is longer than the time to answer (%d)", l.AskMore, l.Answer)
	}
	return nil
}

// LimitsSet is the body of KindLimitsSet: an office's new limits with the
// legal basis of the change. They govern the complaints its office and the
// offices below it receive (and answer, for the publication) from then
// on; a complaint keeps the due days computed at its reception.
type LimitsSet struct {
	Limits Limits `json:"limits"`
	// Basis cites the instrument that sets them, or why they change.
	Basis string `json:"basis"`
}

// KindLimitsSet is the kind of the event that sets an office's limits,
// written under LimitsPrefix.
const KindLimitsSet = "complaint.limits_set"

// LimitsPrefix starts the subject of an office's limits:
// complaintrules/<office>. It is reference data: it travels down the tree.
const LimitsPrefix = "complaintrules/"

// Validate checks a change of the limits: the limits, then the basis.
func (s LimitsSet) Validate() error {
	if err := s.Limits.Validate(); err != nil {
		if re, ok := err.(*RuleError); ok {
			re.Field = "limits." + re.Field
		}
		return err
	}
	switch b := strings.TrimSpace(s.Basis); {
	case b == "":
		return ruleErr("basis", RuleLimitBasis, "say the legal basis of the change")
	case len(b) > MaxBasis:
		return ruleErr("basis", RuleLimitBasis, "the legal basis is longer than %d bytes", MaxBasis)
	}
	return nil
}
