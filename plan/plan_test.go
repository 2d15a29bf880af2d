package plan

import (
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func task(d Deadline) Task {
	return Task{ID: "T1", Title: "Việc", Assignee: Assignee{Kind: KindCommune}, Deadline: d, Output: OutputReport}
}

func TestCell(t *testing.T) {
	quarterly := Deadline{QuarterlyFrom: "2012Q4"}
	dated := Deadline{Date: "2026-11-30"}
	none := Deadline{}
	pr := func(status, at string) Progress { return Progress{Status: status, At: day(at)} }
	cases := []struct {
		name     string
		d        Deadline
		y, q     int
		progress []Progress
		today    string
		want     string
	}{
		{"quarterly done in the quarter", quarterly, 2026, 4, []Progress{pr(Done, "2026-10-20")}, "2026-12-07", CellDone},
		{"quarterly done last quarter is not this one's", quarterly, 2026, 4, []Progress{pr(Done, "2026-09-20")}, "2026-12-07", CellDueSoon},
		{"quarterly far from the report day, started", quarterly, 2026, 4, []Progress{pr(InProgress, "2026-10-02")}, "2026-10-05", CellOnTrack},
		{"quarterly far from the report day, nothing", quarterly, 2026, 4, nil, "2026-10-05", CellNotReported},
		{"quarterly past the 15th", quarterly, 2026, 4, []Progress{pr(InProgress, "2026-10-02")}, "2026-12-16", CellLate},
		{"quarterly own report day", Deadline{QuarterlyFrom: "2012Q4", ReportDay: 25}, 2026, 4, nil, "2026-12-16", CellDueSoon},
		{"past quarter judged on its last day", quarterly, 2026, 3, []Progress{pr(InProgress, "2026-08-01")}, "2026-12-07", CellLate},
		{"dated done before", dated, 2026, 4, []Progress{pr(InProgress, "2026-10-01"), pr(Done, "2026-11-02")}, "2026-12-07", CellDone},
		{"dated reopened after done", dated, 2026, 4, []Progress{pr(Done, "2026-10-01"), pr(InProgress, "2026-11-02")}, "2026-12-07", CellLate},
		{"dated late", dated, 2026, 4, nil, "2026-12-01", CellLate},
		{"dated due soon", dated, 2026, 4, []Progress{pr(InProgress, "2026-10-01")}, "2026-11-20", CellDueSoon},
		{"dated on track", dated, 2026, 4, []Progress{pr(InProgress, "2026-10-01")}, "2026-10-02", CellOnTrack},
		{"dated not reported", dated, 2026, 4, []Progress{pr(NotStarted, "2026-10-01")}, "2026-10-02", CellNotReported},
		{"done after the quarter does not count", dated, 2026, 3, []Progress{pr(Done, "2026-10-01")}, "2026-12-07", CellNotReported},
		{"no deadline on track", none, 2026, 4, []Progress{pr(InProgress, "2026-10-01")}, "2026-12-07", CellOnTrack},
		{"no deadline nothing", none, 2026, 4, nil, "2026-12-07", CellNotReported},
	}
	for _, c := range cases {
		if got := Cell(task(c.d), c.y, c.q, c.progress, day(c.today)); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

func TestDueAndApplies(t *testing.T) {
	d := Deadline{QuarterlyFrom: "2012Q4"}
	if d.Applies(2012, 3) || !d.Applies(2012, 4) {
		t.Fatal("a quarterly task applies from its first quarter")
	}
	if due, _ := d.Due(2013, 1); !due.Equal(day("2013-03-15")) {
		t.Fatalf("due %v", due)
	}
	if _, ok := (Deadline{}).Due(2026, 4); ok {
		t.Fatal("no deadline has a due day")
	}
}

func TestAppliesTo(t *testing.T) {
	offices := []Office{{"38", KindProvince, false}, {"405", KindDistrict, true}, {"38001", KindCommune, true}, {"38002", KindCommune, true}, {"406", KindDistrict, false}}
	cases := []struct {
		name string
		a    Assignee
		want []string
		rule string
	}{
		{"every commune", Assignee{Kind: KindCommune}, []string{"38001", "38002"}, ""},
		{"every level", Assignee{Kind: KindAllLevels}, []string{"405", "38001", "38002"}, ""},
		{"one office", Assignee{Office: "38002"}, []string{"38002"}, ""},
		{"an office not below", Assignee{Office: "406"}, nil, "not_below"},
		{"an unknown office", Assignee{Office: "999"}, nil, "not_below"},
		{"a named unit is the issuer's to track", Assignee{Unit: "Sở Nội vụ"}, []string{"38"}, ""},
	}
	for _, c := range cases {
		got, err := Task{Assignee: c.a}.AppliesTo("38", offices)
		if c.rule != "" {
			if err == nil || err.Rule != c.rule {
				t.Errorf("%s: %v, want rule %s", c.name, err, c.rule)
			}
			continue
		}
		if err != nil || len(got) != len(c.want) {
			t.Errorf("%s: %v %v, want %v", c.name, got, err, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s: %v, want %v", c.name, got, c.want)
			}
		}
	}
}

func TestValidate(t *testing.T) {
	good := Plan{ID: "38-3170", Title: "Kế hoạch", Tasks: []Task{task(Deadline{QuarterlyFrom: "2012Q4"})}}
	if err := good.Validate(); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		edit  func(p *Plan)
		field string
	}{
		{"bad id", func(p *Plan) { p.ID = "a/b" }, "id"},
		{"no title", func(p *Plan) { p.Title = " " }, "title"},
		{"no tasks", func(p *Plan) { p.Tasks = nil }, "tasks"},
		{"period order", func(p *Plan) { p.Period = Period{From: "2013-01-01", To: "2012-01-01"} }, "period.to"},
		{"two assignees", func(p *Plan) { p.Tasks[0].Assignee.Office = "38001" }, "tasks[0].assignee"},
		{"bad kind", func(p *Plan) { p.Tasks[0].Assignee.Kind = "ward" }, "tasks[0].assignee.kind"},
		{"bad quarter", func(p *Plan) { p.Tasks[0].Deadline.QuarterlyFrom = "2012Q5" }, "tasks[0].deadline.quarterlyFrom"},
		{"date and quarterly", func(p *Plan) { p.Tasks[0].Deadline.Date = "2012-10-20" }, "tasks[0].deadline"},
		{"figure without measure", func(p *Plan) { p.Tasks[0].Output = OutputFigure }, "tasks[0].measure"},
		{"bad output", func(p *Plan) { p.Tasks[0].Output = "song" }, "tasks[0].output"},
		{"duplicate task", func(p *Plan) { p.Tasks = append(p.Tasks, p.Tasks[0]) }, "tasks[1].id"},
		{"parent half named", func(p *Plan) { p.Parent = &TaskRef{Plan: "x"} }, "parent"},
	}
	for _, c := range cases {
		p := good
		p.Tasks = append([]Task(nil), good.Tasks...)
		c.edit(&p)
		if err := p.Validate(); err == nil || err.Field != c.field {
			t.Errorf("%s: %v, want field %s", c.name, err, c.field)
		}
	}
}
