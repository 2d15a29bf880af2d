package app

import (
	"context"
	"math"
	"time"

	"hoso/calendar"
	"hoso/iso"
)

// SummaryRequest names the office (empty: the caller's) and the year (0:
// this year) of a quality-system summary.
type SummaryRequest struct {
	Office string `json:"office"`
	Year   int    `json:"year"`
}

// ProcessCounts counts an office's documented processes by state.
type ProcessCounts struct {
	InForce    int `json:"inForce"`
	Draft      int `json:"draft"`
	Superseded int `json:"superseded"`
}

// SummaryObjective is an objective as the summary shows it: its value to
// date rounded to two decimals, null when there is none yet.
type SummaryObjective struct {
	Name   string     `json:"name"`
	Target float64    `json:"target"`
	Value  *float64   `json:"value"`
	Status iso.Status `json:"status"`
}

// IsoSummary is the state of an office's quality system in a year, as
// `hoso-node iso summary` prints it and the view of the offices below
// reads it: processes by state, objectives with their values and
// statuses, the year's nonconformities and corrective actions, and the
// days of the last internal audit and the last management review held up
// to the year's end (null when none was).
type IsoSummary struct {
	Office          string             `json:"office"`
	Year            int                `json:"year"`
	Processes       ProcessCounts      `json:"processes"`
	Objectives      []SummaryObjective `json:"objectives"`
	Nonconformities iso.NCSummary      `json:"nonconformities"`
	Actions         iso.ActionSummary  `json:"actions"`
	LastAudit       *string            `json:"lastAudit"`
	LastReview      *string            `json:"lastReview"`
}

// Summary sums up an office's quality system for a year from the same
// records the ISO screens show.
func (x *Iso) Summary(ctx context.Context, req SummaryRequest) (IsoSummary, error) {
	d, err := x.core.Deps()
	if err != nil {
		return IsoSummary{}, err
	}
	objs, err := x.Objectives(ctx, ObjectivesRequest(req))
	if err != nil {
		return IsoSummary{}, err
	}
	office, year := objs.Office, objs.Year
	out := IsoSummary{Office: office, Year: year, Objectives: []SummaryObjective{}}
	if out.Processes.InForce, out.Processes.Draft, out.Processes.Superseded, err = isoProcessCounts(d.Store, office); err != nil {
		return IsoSummary{}, err
	}
	for _, r := range objs.Objectives {
		o := SummaryObjective{Name: r.Objective.Name, Target: r.Objective.Target, Status: r.Status}
		if r.Known {
			v := math.Round(r.Value*100) / 100
			o.Value = &v
		}
		out.Objectives = append(out.Objectives, o)
	}
	start, end := iso.YearStart(year), iso.YearStart(year+1)
	if out.Nonconformities, out.Actions, err = isoNCSummary(d.Store, office, start, end, x.now()); err != nil {
		return IsoSummary{}, err
	}
	// The last audit and review are the latest up to the year's end,
	// whichever year they were held in.
	audits, err := isoAuditSummary(d.Store, office, time.Time{}, end)
	if err != nil {
		return IsoSummary{}, err
	}
	if audits.Last != nil {
		day := audits.Last.In(calendar.Zone).Format(time.DateOnly)
		out.LastAudit = &day
	}
	if out.LastReview, err = lastReview(d.Store, office, end); err != nil {
		return IsoSummary{}, err
	}
	return out, nil
}
