package report

import (
	"fmt"
	"math"
	"slices"

	"hoso/dossier"
)

// The measures of the Decision 766 index (DOMAIN §12): what an indicator
// counts. The rules name each indicator's id, title and points; the
// measure is the formula, so that a province renumbering the index or
// changing its points edits data, not code.
const (
	// MeasureOnTime is the share of dossiers whose processing ended on
	// time (IndexMember says which count and how).
	MeasureOnTime = "on_time"
	// MeasureAvgDays is the average resolution time in days of the
	// dossiers resolved in the period, waits for the citizen subtracted.
	MeasureAvgDays = "avg_days"
	// MeasureOnline, MeasureInPerson and MeasurePost are the shares of the
	// dossiers received in the period by each channel.
	MeasureOnline   = "online"
	MeasureInPerson = "in_person"
	MeasurePost     = "post"
	// MeasurePaidOnline is the share paid online among the dossiers
	// received in the period with a non-zero fee.
	MeasurePaidOnline = "paid_online"
	// MeasureDigitized is the share of the dossiers received in the period
	// whose every paper has a scan or was reused and, once resolved (not
	// refused), whose result has an electronic copy.
	MeasureDigitized = "digitized"
	// MeasureEResult is the share of the dossiers resolved (not refused)
	// in the period with an electronic result.
	MeasureEResult = "e_result"
	// MeasureReused is the share of the dossiers received in the period
	// that reused at least one paper digitized before.
	MeasureReused = "reused"
	// The complaints (phản ánh, kiến nghị) by category, counted.
	MeasureComplaintsRules     = "complaints_rules"
	MeasureComplaintsProcedure = "complaints_procedure"
	MeasureComplaintsConduct   = "complaints_conduct"
	// MeasureComplaintsOnTime is the share of complaints handled in the
	// period within their legal times.
	MeasureComplaintsOnTime = "complaints_on_time"
	// MeasureSatisfaction is satisfaction in reception and resolution:
	// 100% less the share of dossiers late or with a complaint or a
	// "dislike" (a rating the scale does not count as satisfied). A
	// dossier both late and disliked is counted once.
	MeasureSatisfaction = "satisfaction"
	// MeasureNational is an indicator only the national portal's data can
	// compute (procedures published on time, the portal's own survey): it
	// is listed with the note NoteNational, never a number.
	MeasureNational = "national"
)

// The notes an indicator carries instead of, or beside, its number.
const (
	// NoteNational: the indicator needs the national portal's data.
	NoteNational = "national"
	// NoteNoData: nothing in the period to compute it from.
	NoteNoData = "no_data"
)

var measures = []string{MeasureOnTime, MeasureAvgDays, MeasureOnline, MeasureInPerson, MeasurePost, MeasurePaidOnline,
	MeasureDigitized, MeasureEResult, MeasureReused, MeasureComplaintsRules, MeasureComplaintsProcedure,
	MeasureComplaintsConduct, MeasureComplaintsOnTime, MeasureSatisfaction, MeasureNational}

// IndexRule is one indicator of the index as the province scores it.
type IndexRule struct {
	// ID is the indicator's number in the index ("2.1").
	ID      string `json:"id"`
	Measure string `json:"measure"`
	// Title is the indicator's name as the index writes it.
	Title string `json:"title"`
	// Max is the points it gives; 0 for a figure shown but not scored.
	Max float64 `json:"max"`
	// Full is the share from which it gives all its points; below it,
	// points are proportional (0 means 1: proportional all the way).
	Full float64 `json:"full"`
}

// IndexRules are the index's indicators, in the order they are shown:
// data a province updates when the index or its thresholds change
// (recorded with the report rules, Rules.Index766).
type IndexRules struct {
	// Version names the formula sheet the rules follow.
	Version    string      `json:"version"`
	Indicators []IndexRule `json:"indicators"`
}

// DefaultIndexRules are the index of Decision 766/QĐ-TTg (2022) as far as
// a desk's records reach: full points at 80% for digitization and reuse,
// 50% for online submission and payment, 90% for satisfaction, the groups'
// points as the published sheet gives them.
func DefaultIndexRules() IndexRules {
	return IndexRules{Version: "766/2022", Indicators: []IndexRule{
		{ID: "1.1", Measure: MeasureNational, Title: "Công khai TTHC đúng hạn trên Cổng DVC quốc gia", Max: 18},
		{ID: "2.1", Measure: MeasureOnTime, Title: "Tỷ lệ hồ sơ xử lý đúng hạn", Max: 20},
		{ID: "2.2", Measure: MeasureAvgDays, Title: "Thời gian giải quyết trung bình (ngày)"},
		{ID: "3.1", Measure: MeasureOnline, Title: "Tỷ lệ hồ sơ nộp trực tuyến", Max: 12, Full: 0.5},
		{ID: "3.2", Measure: MeasureInPerson, Title: "Tỷ lệ hồ sơ nộp trực tiếp"},
		{ID: "3.3", Measure: MeasurePost, Title: "Tỷ lệ hồ sơ nộp qua bưu chính"},
		{ID: "4.1", Measure: MeasurePaidOnline, Title: "Tỷ lệ hồ sơ thanh toán trực tuyến", Max: 10, Full: 0.5},
		{ID: "5.1", Measure: MeasureComplaintsRules, Title: "Phản ánh, kiến nghị về quy định hành chính"},
		{ID: "5.2", Measure: MeasureComplaintsProcedure, Title: "Phản ánh, kiến nghị về thủ tục, quy trình"},
		{ID: "5.3", Measure: MeasureComplaintsConduct, Title: "Phản ánh, kiến nghị về hành vi của cán bộ"},
		{ID: "5.4", Measure: MeasureComplaintsOnTime, Title: "Tỷ lệ phản ánh, kiến nghị xử lý đúng hạn", Max: 6},
		{ID: "5.5", Measure: MeasureSatisfaction, Title: "Mức độ hài lòng trong tiếp nhận, giải quyết TTHC", Max: 6, Full: 0.9},
		{ID: "5.6", Measure: MeasureNational, Title: "Đánh giá trên Cổng DVC quốc gia", Max: 6},
		{ID: "6.1", Measure: MeasureDigitized, Title: "Tỷ lệ hồ sơ được số hóa", Max: 10, Full: 0.8},
		{ID: "6.2", Measure: MeasureEResult, Title: "Tỷ lệ kết quả giải quyết điện tử", Max: 6, Full: 0.8},
		{ID: "6.3", Measure: MeasureReused, Title: "Tỷ lệ khai thác, sử dụng lại dữ liệu số hóa", Max: 6, Full: 0.8},
	}}
}

// Validate checks index rules: at least one indicator, ids present and
// unique, known measures, points 0 to 100 and thresholds 0 to 1. A rule
// out of range is a *RulesError naming "index766.indicators[i].<field>".
func (r IndexRules) Validate() error {
	if len(r.Indicators) == 0 || len(r.Indicators) > 100 {
		return rulesError("index766.indicators", "the index needs 1 to 100 indicators")
	}
	for i, x := range r.Indicators {
		at := fmt.Sprintf("index766.indicators[%d].", i)
		switch {
		case x.ID == "" || len(x.ID) > 16:
			return rulesError(at+"id", "an indicator needs an id of at most 16 characters")
		case slices.ContainsFunc(r.Indicators[:i], func(y IndexRule) bool { return y.ID == x.ID }):
			return rulesError(at+"id", "indicator %q appears twice", x.ID)
		case !slices.Contains(measures, x.Measure):
			return rulesError(at+"measure", "there is no measure %q", x.Measure)
		case len(x.Title) > 200:
			return rulesError(at+"title", "the title is longer than 200 bytes")
		case !(x.Max >= 0 && x.Max <= 100):
			return rulesError(at+"max", "points must be 0 to 100")
		case !(x.Full >= 0 && x.Full <= 1):
			return rulesError(at+"full", "the threshold must be a share from 0 to 1")
		}
	}
	return nil
}

// ComplaintCounts are the complaints (phản ánh, kiến nghị) of the scope
// and period, counted by whoever keeps them, so that the index takes them
// without knowing how they are recorded.
type ComplaintCounts struct {
	Rules, Procedure, Conduct int
	// Handled counts the complaints whose handling ended in the period,
	// HandledOnTime those within every legal time.
	Handled, HandledOnTime int
	// Dossiers are the codes of the dossiers with a complaint.
	Dossiers []string
}

// IndexInput is what the index is computed from.
type IndexInput struct {
	Facts  []Fact
	Period Period
	// Rules are the report rules; their Index766 (else the default)
	// chooses the indicators.
	Rules Rules
	// Satisfied reports whether a rating counts as satisfied; any other
	// rating is a "dislike".
	Satisfied  func(value string) bool
	Complaints ComplaintCounts
}

// IndexIndicator is one figure of the Decision 766 index.
type IndexIndicator struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Measure string `json:"measure"`
	// Value is Numerator / Denominator (days for MeasureAvgDays, a count
	// for the complaints by category); Known is false when there is no
	// number (Note says why).
	Value       float64 `json:"value"`
	Numerator   int     `json:"numerator"`
	Denominator int     `json:"denominator"`
	Known       bool    `json:"known"`
	// Score is the points earned of Max under the rule's threshold.
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	Full  float64 `json:"full"`
	Note  string  `json:"note"`
}

// ProcedureDays is the average resolution time of one procedure.
type ProcedureDays struct {
	Procedure string  `json:"procedure"`
	Resolved  int     `json:"resolved"`
	Days      float64 `json:"days"`
}

// IndexResult is the index of a scope for a period.
type IndexResult struct {
	Version    string           `json:"version"`
	Indicators []IndexIndicator `json:"indicators"`
	// Score and Max sum the points of the indicators with a number.
	Score float64 `json:"score"`
	Max   float64 `json:"max"`
	// Procedures are the average resolution times by procedure code.
	Procedures []ProcedureDays `json:"procedures"`
}

// IndexRulesOf returns the index rules in the report rules, else the
// default.
func IndexRulesOf(r Rules) IndexRules {
	if r.Index766 != nil {
		return *r.Index766
	}
	return DefaultIndexRules()
}

// progress says whether a fact counts in the on-time rate of [start, cut)
// and whether on time. Processing ends at the result (its timing on the
// rules' basis, which makes a second supplement late), at a withdrawal or
// stop, or at a supplement request still waited for; a dossier still in
// progress at the cut is judged there. An end without a result is on time
// unless the dossier was overdue then or had a second supplement request;
// waits for the citizen are not overdue (OverdueAt).
func progress(f *Fact, start, cut int64, r Rules) (counts, onTime bool) {
	if counted(f, r) >= cut {
		return false, false
	}
	judge := func(end int64) (bool, bool) {
		if end < start {
			return false, false
		}
		return true, f.Supplements <= 1 && !OverdueAt(f, end, r)
	}
	if res := resolvedAt(f, r); res != 0 && res < cut {
		if res < start {
			return false, false
		}
		t := f.TimingBy(r.TimingBasis)
		return true, t == dossier.TimingEarly || t == dossier.TimingOnTime
	}
	if c := closedAt(f, r); c != 0 && c < cut {
		return judge(c)
	}
	if req := awaitingSince(f); req != 0 && req < cut {
		return judge(max(req, counted(f, r)))
	}
	return judge(cut)
}

// awaitingSince is when the supplement a dossier still waits for was
// asked for, 0 when it waits for none.
func awaitingSince(f *Fact) int64 {
	if !f.Awaiting {
		return 0
	}
	for i := len(f.Pauses) - 1; i >= 0; i-- {
		if f.Pauses[i][1] == 0 {
			return f.Pauses[i][0]
		}
	}
	return 0
}

// resolutionDays is the time from when a resolved fact counts to its
// result, less its waits for the citizen, in days.
func resolutionDays(f *Fact, r Rules) float64 {
	from, to := counted(f, r), resolvedAt(f, r)
	d := to - from
	for _, p := range f.Pauses {
		end := p[1]
		if end == 0 || end > to {
			end = to
		}
		if s := max(p[0], from); end > s {
			d -= end - s
		}
	}
	return float64(max(d, 0)) / 86400
}

// indexScope is an IndexInput read once for IndexMember.
type indexScope struct {
	in         *IndexInput
	start, cut int64
	complained map[string]bool
}

func newIndexScope(in *IndexInput) *indexScope {
	s := &indexScope{in: in, start: in.Period.Start.Unix(), cut: in.Period.Cut().Unix()}
	if len(in.Complaints.Dossiers) > 0 {
		// Only then: IndexMember builds a scope per call.
		s.complained = make(map[string]bool, len(in.Complaints.Dossiers))
	}
	for _, c := range in.Complaints.Dossiers {
		s.complained[c] = true
	}
	return s
}

// IndexMember reports whether a fact counts in the denominator and the
// numerator of a measure for the input's period: what the drill-down of
// an indicator lists. Measures not counted over dossiers (complaints,
// national data) have no members.
func IndexMember(measure string, f *Fact, in *IndexInput) (inDen, inNum bool) {
	den, num := newIndexScope(in).member(measure, f)
	return den, den && num
}

func (s *indexScope) member(measure string, f *Fact) (inDen, inNum bool) {
	r := s.in.Rules
	received := func() bool { c := counted(f, r); return c >= s.start && c < s.cut }
	resolved := func() bool {
		res := resolvedAt(f, r)
		return res != 0 && res >= s.start && res < s.cut
	}
	switch measure {
	case MeasureOnTime:
		return progress(f, s.start, s.cut, r)
	case MeasureSatisfaction:
		den, onTime := progress(f, s.start, s.cut, r)
		disliked := f.Rating != "" && (s.in.Satisfied == nil || !s.in.Satisfied(f.Rating))
		return den, onTime && !disliked && !s.complained[f.Code]
	case MeasureAvgDays:
		ok := resolved()
		return ok, ok
	case MeasureOnline:
		return received(), f.Online
	case MeasurePost:
		return received(), f.Post
	case MeasureInPerson:
		return received(), !f.Online && !f.Post
	case MeasurePaidOnline:
		return received() && f.Fee, f.PaidOnline
	case MeasureReused:
		return received(), f.Reused
	case MeasureDigitized:
		res := resolvedAt(f, r)
		needsResult := res != 0 && res < s.cut && !f.Refused
		return received(), f.Scanned && (!needsResult || f.EResult)
	case MeasureEResult:
		return resolved() && !f.Refused, f.EResult
	}
	return false, false
}

// Index computes the indicators of the rules in force (IndexRulesOf) over
// the facts: each with its number, or a note where the records cannot give
// one, and its points.
func Index(in IndexInput) IndexResult {
	in.Rules = in.Rules.Normalized()
	rules := IndexRulesOf(in.Rules)
	s := newIndexScope(&in)
	type count struct{ den, num int }
	counts := map[string]*count{}
	for _, x := range rules.Indicators {
		counts[x.Measure] = &count{}
	}
	days := 0.0
	byProc := map[string]*ProcedureDays{}
	for i := range in.Facts {
		f := &in.Facts[i]
		for m, c := range counts {
			if den, num := s.member(m, f); den {
				c.den++
				if num {
					c.num++
				}
			}
		}
		if _, ok := counts[MeasureAvgDays]; ok {
			if den, _ := s.member(MeasureAvgDays, f); den {
				d := resolutionDays(f, in.Rules)
				days += d
				p := byProc[f.Procedure]
				if p == nil {
					p = &ProcedureDays{Procedure: f.Procedure}
					byProc[f.Procedure] = p
				}
				p.Resolved++
				p.Days += d
			}
		}
	}
	out := IndexResult{Version: rules.Version, Indicators: make([]IndexIndicator, 0, len(rules.Indicators)), Procedures: []ProcedureDays{}}
	for _, x := range rules.Indicators {
		ind := IndexIndicator{ID: x.ID, Title: x.Title, Measure: x.Measure, Max: x.Max, Full: x.Full}
		c := counts[x.Measure]
		switch x.Measure {
		case MeasureNational:
			ind.Note = NoteNational
		case MeasureComplaintsRules, MeasureComplaintsProcedure, MeasureComplaintsConduct:
			n := map[string]int{MeasureComplaintsRules: in.Complaints.Rules, MeasureComplaintsProcedure: in.Complaints.Procedure, MeasureComplaintsConduct: in.Complaints.Conduct}[x.Measure]
			ind.Numerator, ind.Value, ind.Known = n, float64(n), true
		case MeasureComplaintsOnTime:
			ind.setShare(in.Complaints.HandledOnTime, in.Complaints.Handled)
		case MeasureAvgDays:
			ind.Numerator, ind.Denominator = c.den, c.den
			if c.den > 0 {
				ind.Value, ind.Known = round2(days/float64(c.den)), true
			} else {
				ind.Note = NoteNoData
			}
		default:
			ind.setShare(c.num, c.den)
		}
		if ind.Known && x.Max > 0 {
			full := x.Full
			if full == 0 {
				full = 1
			}
			ind.Score = round2(x.Max * math.Min(1, ind.Value/full))
		}
		if ind.Known && x.Max > 0 {
			out.Score += ind.Score
			out.Max += x.Max
		}
		out.Indicators = append(out.Indicators, ind)
	}
	out.Score, out.Max = round2(out.Score), round2(out.Max)
	for _, p := range byProc {
		p.Days = round2(p.Days / float64(p.Resolved))
		out.Procedures = append(out.Procedures, *p)
	}
	slices.SortFunc(out.Procedures, func(a, b ProcedureDays) int {
		if a.Procedure < b.Procedure {
			return -1
		}
		if a.Procedure > b.Procedure {
			return 1
		}
		return 0
	})
	return out
}

// setShare fills a share's figure; with nothing to count it has no
// number.
func (ind *IndexIndicator) setShare(num, den int) {
	ind.Numerator, ind.Denominator = num, den
	if den == 0 {
		ind.Note = NoteNoData
		return
	}
	ind.Value, ind.Known = float64(num)/float64(den), true
}
