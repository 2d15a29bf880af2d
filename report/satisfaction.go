package report

import (
	"math"
	"slices"
)

// Indicator is one of the nine indicators offices and officers are scored
// on, 0 to 2 points each (Circular 01/2018/TT-VPCP art. 13–15). Which ones
// the records can score and how is data an administrator can change: the
// wording of the Circular is summarised here, and the list is marked
// unsure in DOMAIN §8.
type Indicator struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	// Auto names how the records score it: "time" (early 2, on time 1,
	// late 0), "supplements" (none 2, one 1, more 0), "agencies" (one
	// office 2, two 1, more 0), "rating" (2 × the share satisfied); "" is
	// entered by hand.
	Auto string `json:"auto,omitempty"`
	// Officer tells whether it also scores officers, not just offices.
	Officer bool `json:"officer"`
}

// DefaultIndicators are the nine indicators.
func DefaultIndicators() []Indicator {
	return []Indicator{
		{Key: "time", Name: "Thời gian giải quyết hồ sơ", Auto: "time", Officer: true},
		{Key: "supplements", Name: "Số lần yêu cầu bổ sung hồ sơ", Auto: "supplements", Officer: true},
		{Key: "agencies", Name: "Số cơ quan, đơn vị phải liên hệ", Auto: "agencies"},
		{Key: "visits", Name: "Số lần phải đi lại"},
		{Key: "information", Name: "Công khai thông tin thủ tục hành chính"},
		{Key: "attitude", Name: "Thái độ, tác phong của cán bộ", Auto: "rating", Officer: true},
		{Key: "legality", Name: "Kết quả giải quyết đúng quy định"},
		{Key: "costs", Name: "Không phát sinh chi phí ngoài quy định"},
		{Key: "feedback", Name: "Tiếp nhận, xử lý phản ánh, kiến nghị"},
	}
}

// Score is one indicator's points for an office or officer in a period.
type Score struct {
	Key    string  `json:"key"`
	Points float64 `json:"points"`
	// Known is false when neither the records nor a manual entry give it.
	Known bool `json:"known"`
	// Manual tells the points were entered by hand.
	Manual bool `json:"manual"`
	// Basis counts the dossiers an automatic score rests on.
	Basis int `json:"basis"`
}

// Satisfaction is the satisfaction of an office or an officer in a period:
// the ratings by value, the share satisfied, the indicator scores, their
// total and grade.
type Satisfaction struct {
	// Who is the office code or the user ID.
	Who     string         `json:"who"`
	Ratings map[string]int `json:"ratings"`
	Rated   int            `json:"rated"`
	// Satisfied counts the ratings that are satisfied on the scale.
	Satisfied int     `json:"satisfied"`
	Share     float64 `json:"share"`
	Scores    []Score `json:"scores"`
	Total     float64 `json:"total"`
	// Max is the most points the indicators scored could give.
	Max   float64 `json:"max"`
	Grade string  `json:"grade"`
}

// SatisfactionInput is what satisfaction is computed from: the facts of
// the dossiers the office or officer handled.
type SatisfactionInput struct {
	Who        string
	Facts      []*Fact
	Period     Period
	Rules      Rules
	Indicators []Indicator
	Satisfied  func(value string) bool
	// Manual are the points entered by hand, by indicator key.
	Manual map[string]float64
	// Officer scores an officer (the officer indicators and bands).
	Officer bool
}

// ScoreSatisfaction computes a satisfaction figure.
func ScoreSatisfaction(in SatisfactionInput) Satisfaction {
	s := Satisfaction{Who: in.Who, Ratings: map[string]int{}}
	var timePts, suppPts, agencyPts float64
	var resolved, received int
	for _, f := range in.Facts {
		if f.Rating != "" && Within(f.Rated, in.Period.Start, in.Period.End) {
			s.Ratings[f.Rating]++
			s.Rated++
			if in.Satisfied != nil && in.Satisfied(f.Rating) {
				s.Satisfied++
			}
		}
		if res := resolvedAt(f, in.Rules); res != 0 && Within(res, in.Period.Start, in.Period.End) {
			resolved++
			timePts += float64(timingPoints(f))
		}
		if Within(counted(f, in.Rules), in.Period.Start, in.Period.End) {
			received++
			suppPts += float64(stepPoints(f.Supplements))
			agencyPts += float64(stepPoints(f.Transfers))
		}
	}
	if s.Rated > 0 {
		s.Share = float64(s.Satisfied) / float64(s.Rated)
	}
	avg := func(total float64, n int) (float64, bool) {
		if n == 0 {
			return 0, false
		}
		return total / float64(n), true
	}
	for _, ind := range in.Indicators {
		if in.Officer && !ind.Officer {
			continue
		}
		sc := Score{Key: ind.Key}
		switch ind.Auto {
		case "time":
			sc.Points, sc.Known = avg(timePts, resolved)
			sc.Basis = resolved
		case "supplements":
			sc.Points, sc.Known = avg(suppPts, received)
			sc.Basis = received
		case "agencies":
			sc.Points, sc.Known = avg(agencyPts, received)
			sc.Basis = received
		case "rating":
			sc.Points, sc.Known = 2*s.Share, s.Rated > 0
			sc.Basis = s.Rated
		}
		if v, ok := in.Manual[ind.Key]; ok {
			sc.Points, sc.Known, sc.Manual = min(max(v, 0), 2), true, true
		}
		sc.Points = round2(sc.Points)
		s.Scores = append(s.Scores, sc)
		s.Max += 2
		if sc.Known {
			s.Total += sc.Points
		}
	}
	s.Total = round2(s.Total)
	if slices.ContainsFunc(s.Scores, func(sc Score) bool { return sc.Known }) {
		s.Grade = Grade(s.Total, in.Officer)
	}
	return s
}

// timingPoints is the national score of a result: 2 early, 1 on time, 0
// late, always against the due date before any apology (the national
// scoring does not let an apology earn points), whatever the report rules'
// timing basis.
func timingPoints(f *Fact) int {
	switch f.Timing {
	case "early":
		return 2
	case "on_time":
		return 1
	}
	return 0
}

// stepPoints scores a count where fewer is better: none 2, one 1, more 0.
func stepPoints(n int) int {
	switch n {
	case 0:
		return 2
	case 1:
		return 1
	}
	return 0
}

// The grade bands (DOMAIN §8).
const (
	GradeOfficerFull    = "officer_full"    // ≥ 5: meets 100% of duties
	GradeOfficerPartial = "officer_partial" // 3.5 to < 5: 70–100%
	GradeOfficerLow     = "officer_low"     // < 3.5: under 70%
	GradeExcellent      = "excellent"       // ≥ 15
	GradeGood           = "good"            // 12 to < 15
	GradeFair           = "fair"            // 9 to < 12
	GradeAverage        = "average"         // 6 to < 9
	GradeWeak           = "weak"            // < 6
)

// Grade returns the band of a total: the officer bands when officer.
func Grade(total float64, officer bool) string {
	if officer {
		switch {
		case total >= 5:
			return GradeOfficerFull
		case total >= 3.5:
			return GradeOfficerPartial
		}
		return GradeOfficerLow
	}
	switch {
	case total >= 15:
		return GradeExcellent
	case total >= 12:
		return GradeGood
	case total >= 9:
		return GradeFair
	case total >= 6:
		return GradeAverage
	}
	return GradeWeak
}

// round2 rounds to two decimals, so that figures print and compare alike
// on every node.
func round2(x float64) float64 { return math.Round(x*100) / 100 }
