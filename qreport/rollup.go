package qreport

import "hoso/report"

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
