package demo

import (
	_ "embed"
	"encoding/json"
	"fmt"

	"hoso/app"
	"hoso/plan"
)

// plan3170 is Thanh Hóa's plan implementing Resolution 33/2012/NQ-HĐND
// (Decision 3170/QĐ-UBND), structured from the decision's text.
//
//go:embed plan-3170.json
var plan3170 []byte

// plan3170ID is the demo plan's id.
const plan3170ID = "38-3170-2012"

// source3170 is the shape of plan-3170.json.
type source3170 struct {
	Title    string        `json:"title"`
	Decision plan.Decision `json:"decision"`
	Basis    []string      `json:"basis"`
	Targets  []struct {
		Measure string  `json:"measure"`
		Goal    float64 `json:"goal"`
	} `json:"targets"`
	Tasks []struct {
		ID       string          `json:"id"`
		Title    string          `json:"title"`
		Assignee string          `json:"assignee"`
		Deadline json.RawMessage `json:"deadline"`
		Output   string          `json:"output"`
		Measure  json.RawMessage `json:"measure"`
	} `json:"tasks"`
}

// plan3170Tasks turns the decision's tasks into plan tasks on the demo
// tree: the plan's kinds of unit become kinds of office, the departments
// its one department (or the district, with districts), a named unit
// stays a unit the province tracks; "yearly" has no date in the plan.
func plan3170Tasks(src source3170, districts bool) []plan.Task {
	goals := map[string]float64{}
	for _, t := range src.Targets {
		goals[t.Measure] = t.Goal
	}
	var out []plan.Task
	for _, s := range src.Tasks {
		t := plan.Task{ID: s.ID, Title: s.Title, Output: s.Output}
		switch s.Assignee {
		case "all_levels", "departments, districts, communes":
			t.Assignee.Kind = plan.KindAllLevels
		case "departments, districts", "districts (for their communes)":
			if districts {
				t.Assignee.Kind = plan.KindDistrict
			} else {
				t.Assignee.Office = department.Code
			}
		default:
			t.Assignee.Unit = s.Assignee
		}
		var date string
		var quarterly struct {
			From string `json:"quarterly_from"`
		}
		switch {
		case json.Unmarshal(s.Deadline, &date) == nil && date == "quarterly":
			t.Deadline.QuarterlyFrom = "2012Q4"
		case date != "" && date != "yearly":
			t.Deadline.Date = date
		case json.Unmarshal(s.Deadline, &quarterly) == nil && quarterly.From != "":
			t.Deadline.QuarterlyFrom = quarterly.From
		}
		switch s.Output {
		case "action_plan":
			t.Output = plan.OutputDocument
		case "quarterly_report":
			t.Output = plan.OutputReport
		case plan.OutputFigure:
			var one string
			var many []string
			if json.Unmarshal(s.Measure, &one) != nil && json.Unmarshal(s.Measure, &many) == nil && len(many) > 0 {
				one = many[0]
			}
			t.Measure = &plan.Measure{Figure: one, Goal: goals[one]}
		}
		out = append(out, t)
	}
	return out
}

// plans loads Decision 3170's plan as the province's, the department's
// (or the district's) action plan for task IV.1a, progress of the home
// commune and of that office, and a reminder, so that the supervisor's
// matrix shows every status.
func plans(c caller, sessions map[string]string, districts bool) error {
	var src source3170
	if err := json.Unmarshal(plan3170, &src); err != nil {
		return fmt.Errorf("plan 3170: %w", err)
	}
	p := plan.Plan{ID: plan3170ID, Title: src.Title, Basis: src.Basis, Decision: src.Decision,
		Period: plan.Period{From: "2012-09-27", To: "2015-12-31"}, Tasks: plan3170Tasks(src, districts)}
	if err := c.call("", "Plans.Publish", app.PublishRequest{Office: province.Code, Plan: p}, nil); err != nil {
		return fmt.Errorf("plan 3170: %w", err)
	}
	unit, session := department.Code, sessions["sotuphap"]
	actionTask := plan.Task{ID: "KH1", Title: "Rà soát quy chế một cửa của đơn vị", Assignee: plan.Assignee{Unit: "Văn phòng Sở"},
		Deadline: plan.Deadline{Date: "2012-11-30"}, Output: plan.OutputDocument}
	if districts {
		unit, session = district.Code, sessions["huyen"]
		actionTask = plan.Task{ID: "KH1", Title: "Báo cáo hằng quý của UBND các xã", Assignee: plan.Assignee{Kind: plan.KindCommune},
			Deadline: plan.Deadline{QuarterlyFrom: "2012Q4", ReportDay: 10}, Output: plan.OutputReport}
	}
	action := plan.Plan{ID: unit + "-3170-kh", Title: "Kế hoạch hành động thực hiện Nghị quyết 33/2012/NQ-HĐND", Basis: []string{"Quyết định 3170/QĐ-UBND"},
		Decision: plan.Decision{Number: "45/KH", Date: "2012-10-15"}, Period: plan.Period{From: "2012-10-15", To: "2015-12-31"}, Tasks: []plan.Task{actionTask}}
	if err := c.call(session, "Plans.BreakDown", app.BreakDownRequest{Parent: plan.TaskRef{Plan: plan3170ID, Task: "IV.1a"}, Plan: action}, nil); err != nil {
		return fmt.Errorf("plan 3170 action plan: %w", err)
	}
	steps := []struct {
		session string
		req     app.ProgressRequest
	}{
		{session, app.ProgressRequest{Plan: plan3170ID, Task: "IV.1a", Status: plan.Done, Note: "Đã ban hành kế hoạch hành động, gửi Sở Nội vụ",
			Evidence: []plan.Evidence{{Link: plan.Subject(unit, action.ID)}}}},
		{session, app.ProgressRequest{Plan: plan3170ID, Task: "IV.1b", Status: plan.InProgress, Note: "Đang tổng hợp số liệu quý"}},
		{sessions["lanhdao"], app.ProgressRequest{Plan: plan3170ID, Task: "II.1.1", Status: plan.InProgress, Note: "Tuyên truyền trên loa truyền thanh xã"}},
		{sessions["lanhdao"], app.ProgressRequest{Plan: plan3170ID, Task: "II.2.5", Status: plan.InProgress, Note: "Đang dự thảo quy chế"}},
		{sessions["lanhdao"], app.ProgressRequest{Plan: plan3170ID, Task: "II.2.5", Status: plan.Done, Note: "Đã ban hành quy chế phối hợp",
			Evidence: []plan.Evidence{{Text: "Quyết định ban hành quy chế phối hợp một cửa"}}}},
	}
	for _, s := range steps {
		if err := c.call(s.session, "Plans.Progress", s.req, nil); err != nil {
			return fmt.Errorf("plan 3170 progress %s: %w", s.req.Task, err)
		}
	}
	late := communes[1].Code
	if err := c.call("", "Plans.Remind", app.RemindRequest{From: province.Code, Plan: plan3170ID, Task: "II.2.5", Office: late,
		Note: "Đề nghị ban hành quy chế phối hợp và báo cáo tiến độ"}, nil); err != nil {
		return fmt.Errorf("plan 3170 reminder: %w", err)
	}
	// The home commune was reminded twice: it has seen the first, about
	// its coordination rules, and not yet the second, so its dashboard
	// shows a reminder to read.
	home := communes[0].Code
	var seen app.Reminder
	if err := c.call("", "Plans.Remind", app.RemindRequest{From: province.Code, Plan: plan3170ID, Task: "II.2.5", Office: home,
		Note: "Đề nghị gửi quyết định ban hành quy chế phối hợp"}, &seen); err != nil {
		return fmt.Errorf("plan 3170 reminder: %w", err)
	}
	if err := c.call(sessions["lanhdao"], "Plans.Acknowledge", app.AcknowledgeRequest{Reminder: seen.ID}, nil); err != nil {
		return fmt.Errorf("plan 3170 acknowledgement: %w", err)
	}
	if err := c.call("", "Plans.Remind", app.RemindRequest{From: province.Code, Plan: plan3170ID, Task: "II.1.1", Office: home,
		Note: "Đề nghị báo cáo kết quả tuyên truyền về cơ chế một cửa trong quý"}, nil); err != nil {
		return fmt.Errorf("plan 3170 reminder: %w", err)
	}
	return nil
}
