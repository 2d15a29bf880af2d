package complaint

import (
	"errors"
	"strings"
	"testing"
)

// TestLimitsValidate: each legal time is 1 to 365 working days, refusing
// and asking for more are not given longer than answering, and a change
// cites its basis; the refusal names the field and the rule.
func TestLimitsValidate(t *testing.T) {
	def := DefaultLimits()
	with := func(f func(*Limits)) Limits { l := def; f(&l); return l }
	cases := []struct {
		name  string
		set   LimitsSet
		field string
		rule  string
	}{
		{"the defaults", LimitsSet{Limits: def, Basis: DefaultBasis}, "", ""},
		{"answer 10", LimitsSet{Limits: with(func(l *Limits) { l.Answer = 10 }), Basis: "Quyết định 1/QĐ-UBND"}, "", ""},
		{"all at the bounds", LimitsSet{Limits: Limits{Refuse: 1, AskMore: 1, Answer: 365, Publish: 365}, Basis: "b"}, "", ""},
		{"refuse equal to answer", LimitsSet{Limits: Limits{Refuse: 5, AskMore: 5, Answer: 5, Publish: 1}, Basis: "b"}, "", ""},
		{"refuse 0", LimitsSet{Limits: with(func(l *Limits) { l.Refuse = 0 }), Basis: "b"}, "limits.refuse", RuleLimitRange},
		{"ask more negative", LimitsSet{Limits: with(func(l *Limits) { l.AskMore = -1 }), Basis: "b"}, "limits.askMore", RuleLimitRange},
		{"answer 366", LimitsSet{Limits: with(func(l *Limits) { l.Answer = 366 }), Basis: "b"}, "limits.answer", RuleLimitRange},
		{"publish 0", LimitsSet{Limits: with(func(l *Limits) { l.Publish = 0 }), Basis: "b"}, "limits.publish", RuleLimitRange},
		{"refuse after answer", LimitsSet{Limits: with(func(l *Limits) { l.Refuse = 16 }), Basis: "b"}, "limits.refuse", RuleLimitOrder},
		{"ask more after answer", LimitsSet{Limits: with(func(l *Limits) { l.Answer = 4 }), Basis: "b"}, "limits.askMore", RuleLimitOrder},
		{"no basis", LimitsSet{Limits: def, Basis: "  "}, "basis", RuleLimitBasis},
		{"basis too long", LimitsSet{Limits: def, Basis: strings.Repeat("x", MaxBasis+1)}, "basis", RuleLimitBasis},
		{"zero limits", LimitsSet{Basis: "b"}, "limits.refuse", RuleLimitRange},
	}
	for _, c := range cases {
		err := c.set.Validate()
		if c.field == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", c.name, err)
			}
			continue
		}
		var re *RuleError
		if !errors.As(err, &re) || re.Field != c.field || re.Rule != c.rule {
			t.Errorf("%s: %#v, want field %s rule %s", c.name, err, c.field, c.rule)
		}
	}
}
