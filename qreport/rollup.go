package qreport

import (
	"math"
	"slices"

	"hoso/report"
)

// Rollup returns the figures of an office and the offices below it: the
// counts summed, and every rate and target recomputed from the summed
// numerators and denominators — never an average of the sources' rates,
// which would weigh a small office like a large one.
func Rollup(own Figures, sources []Source) Figures {
	out := own
	out.Targets = append([]report.Target(nil), own.Targets...)
	for _, s := range sources {
		f := s.Figures
		out.Received += f.Received
		out.Online += f.Online
		out.InPerson += f.InPerson
		out.Carried += f.Carried
		out.Resolved += f.Resolved
		out.Early += f.Early
		out.OnTime += f.OnTime
		out.Late += f.Late
		out.Pending += f.Pending
		out.PendingWithin += f.PendingWithin
		out.PendingOverdue += f.PendingOverdue
		out.OpenNCs += f.OpenNCs
		out.Satisfaction.Num += f.Satisfaction.Num
		out.Satisfaction.Den += f.Satisfaction.Den
		for _, t := range f.Targets {
			i := targetIndex(out.Targets, t.Key)
			if i < 0 {
				out.Targets = append(out.Targets, report.Target{Key: t.Key, Goal: t.Goal, Strict: t.Strict})
				i = len(out.Targets) - 1
			}
			out.Targets[i].Numerator += t.Numerator
			out.Targets[i].Denominator += t.Denominator
		}
	}
	out.Index = RollupIndex(own.Index, sources)
	out.Satisfaction = NewRate(out.Satisfaction.Num, out.Satisfaction.Den)
	out.OnTimeRate = NewRate(out.Early+out.OnTime, out.Resolved)
	for i := range out.Targets {
		out.Targets[i] = Target(out.Targets[i])
	}
	return out
}

// Target recomputes a target's value and whether it meets its goal from
// its numerator and denominator.
func Target(t report.Target) report.Target {
	t.Value, t.Known, t.Met = 0, false, false
	if t.Denominator > 0 {
		t.Known = true
		t.Value = float64(t.Numerator) / float64(t.Denominator)
		t.Met = t.Value >= t.Goal && !(t.Strict && t.Value == t.Goal)
	}
	return t
}

func targetIndex(ts []report.Target, key string) int {
	for i, t := range ts {
		if t.Key == key {
			return i
		}
	}
	return -1
}

// RollupIndex sums the index of an office and its sources indicator by
// indicator, as Rollup does the counts: a share from the summed numerator
// and denominator, an average time weighted by the dossiers behind each,
// a count of complaints summed; the points recomputed under the
// indicator's own threshold. An indicator that needs national data stays
// without a number.
func RollupIndex(own []report.IndexIndicator, sources []Source) []report.IndexIndicator {
	out := append([]report.IndexIndicator(nil), own...)
	days := map[string]float64{}
	for _, x := range own {
		if x.Measure == report.MeasureAvgDays && x.Known {
			days[x.ID] = x.Value * float64(x.Denominator)
		}
	}
	for _, s := range sources {
		for _, x := range s.Figures.Index {
			i := slices.IndexFunc(out, func(o report.IndexIndicator) bool { return o.ID == x.ID })
			if i < 0 {
				y := x
				y.Numerator, y.Denominator, y.Value, y.Known, y.Score = 0, 0, 0, false, 0
				out = append(out, y)
				i = len(out) - 1
			}
			out[i].Numerator += x.Numerator
			out[i].Denominator += x.Denominator
			if x.Measure == report.MeasureAvgDays && x.Known {
				days[x.ID] += x.Value * float64(x.Denominator)
			}
		}
	}
	for i := range out {
		x := &out[i]
		switch {
		case x.Note == report.NoteNational:
			continue
		case x.Measure == report.MeasureAvgDays:
			x.Known = x.Denominator > 0
			if x.Known {
				x.Value = math.Round(days[x.ID]/float64(x.Denominator)*100) / 100
			}
		case isCount(x.Measure):
			x.Value, x.Known = float64(x.Numerator), true
		default:
			x.Known = x.Denominator > 0
			if x.Known {
				x.Value = float64(x.Numerator) / float64(x.Denominator)
			}
		}
		if x.Known {
			x.Note = ""
		} else {
			x.Note = report.NoteNoData
		}
		x.Score = 0
		if x.Known && x.Max > 0 {
			full := x.Full
			if full == 0 {
				full = 1
			}
			x.Score = math.Round(x.Max*math.Min(1, x.Value/full)*100) / 100
		}
	}
	return out
}

// isCount reports whether an indicator is a count (the complaints of a
// category), not a share.
func isCount(measure string) bool {
	return measure == report.MeasureComplaintsRules || measure == report.MeasureComplaintsProcedure || measure == report.MeasureComplaintsConduct
}
