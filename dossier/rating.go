package dossier

import "slices"

// ScaleValue is one answer of a satisfaction scale.
type ScaleValue struct {
	// Value is what events store: lower-case letters, digits and "_".
	Value string `json:"value"`
	// VI and EN are the labels the desk shows.
	VI string `json:"vi"`
	EN string `json:"en"`
	// Satisfied tells whether the answer counts as satisfied in the
	// satisfaction figures (DOMAIN.md §7–8).
	Satisfied bool `json:"satisfied"`
}

// Scale is the per-dossier satisfaction scale, data an administrator may
// change (DOMAIN.md §8). Events store the Value; Check only checks that a
// rating has a value's form, and the service checks it against the office's
// scale with Has.
type Scale []ScaleValue

// The values of the default scale.
const (
	RatingVerySatisfied = "very_satisfied"
	RatingSatisfied     = "satisfied"
	RatingUnsatisfied   = "unsatisfied"
)

// DefaultScale returns the common three-answer scale: Rất hài lòng, Hài
// lòng, Không hài lòng.
func DefaultScale() Scale {
	return Scale{
		{Value: RatingVerySatisfied, VI: "Rất hài lòng", EN: "Very satisfied", Satisfied: true},
		{Value: RatingSatisfied, VI: "Hài lòng", EN: "Satisfied", Satisfied: true},
		{Value: RatingUnsatisfied, VI: "Không hài lòng", EN: "Unsatisfied", Satisfied: false},
	}
}

// Has reports whether v is a value of s.
func (s Scale) Has(v string) bool {
	return slices.ContainsFunc(s, func(x ScaleValue) bool { return x.Value == v })
}

// Validate checks that s can be used: at least two answers, each value
// well formed and unique, each with a Vietnamese label.
func (s Scale) Validate() error {
	if len(s) < 2 {
		return badValue("scale", "at least two answers")
	}
	for i, x := range s {
		at := "scale[" + itoa(i) + "]"
		switch {
		case !ratingRE.MatchString(x.Value):
			return badValue(at+".value", "%q is not lower-case letters, digits and _", x.Value)
		case slices.ContainsFunc(s[:i], func(y ScaleValue) bool { return y.Value == x.Value }):
			return badValue(at+".value", "%q appears twice", x.Value)
		}
		if re := required(at+".vi", x.VI); re != nil {
			return re
		}
	}
	return nil
}
