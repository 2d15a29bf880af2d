package main

import (
	"flag"
	"io"

	"hoso/app"
)

const planUsage = "usage: hoso-node plan list --data DIR\n" +
	"       hoso-node plan status --data DIR --plan ID [--quarter 2026Q4] [--format json|pdf|xlsx] [--out FILE]"

// planTask is a task as the plan commands print it.
type planTask struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Deadline string `json:"deadline"`
}

// planItem is a plan as "plan list" prints it.
type planItem struct {
	ID       string     `json:"id"`
	Title    string     `json:"title"`
	Office   string     `json:"office"`
	Decision string     `json:"decision"`
	Tasks    []planTask `json:"tasks"`
}

// planStatus is the supervisor's matrix as "plan status" prints it.
type planStatus struct {
	Plan    string             `json:"plan"`
	Tasks   []planTask         `json:"tasks"`
	Offices []app.MatrixOffice `json:"offices"`
}

// runPlan answers questions about the plans this node holds (issue 17):
// "list" prints them as JSON [{"id", "title", "office", "decision",
// "tasks": [{"id", "title", "deadline"}]}]; "status" prints a plan's
// supervisor's matrix in a quarter as {"plan", "tasks": [{"id", "title",
// "deadline"}], "offices": [{"code", "name", "tasks": {"<task id>":
// "done|on_track|due_soon|late|not_reported"}}]}, or with --format pdf or
// xlsx writes the matrix as a file (--out, default the name the node
// gives) and prints {"file", "bytes", "reprint", "verify"}.
func runPlan(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "list" && args[0] != "status") {
		return usageError(stderr, planUsage)
	}
	fs := flag.NewFlagSet("plan", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	id := fs.String("plan", "", "the plan's id (status)")
	quarter := fs.String("quarter", "", "the quarter, 2026Q4 (status; default: this quarter)")
	format := fs.String("format", "json", "json, pdf or xlsx (status)")
	outFile := fs.String("out", "", "the file to write (status --format pdf|xlsx; default: the name the node gives)")
	if !parseFlags(fs, args[1:], stderr) {
		return exitUsage
	}
	if *dir == "" {
		return usageError(stderr, "plan needs --data DIR\n"+planUsage)
	}
	if args[0] == "list" {
		var l app.PlanList
		if _, err := callOnce(*dir, *keyFile, "Plans.List", app.PlanListRequest{}, &l); err != nil {
			return printError(stdout, err)
		}
		out := []planItem{}
		for _, p := range l.Plans {
			it := planItem{ID: p.Plan.ID, Title: p.Plan.Title, Office: p.Plan.Office, Decision: p.Plan.Decision.Number, Tasks: []planTask{}}
			for _, t := range p.Plan.Tasks {
				it.Tasks = append(it.Tasks, planTask{ID: t.ID, Title: t.Title, Deadline: app.DeadlineText(t.Deadline)})
			}
			out = append(out, it)
		}
		return printJSON(stdout, out)
	}
	if *id == "" {
		return usageError(stderr, "plan status needs --plan ID\n"+planUsage)
	}
	switch *format {
	case "json":
	case "pdf", "xlsx":
		return exportMatrix(*dir, *keyFile, *outFile, app.MatrixExportRequest{MatrixRequest: app.MatrixRequest{Plan: *id, Quarter: *quarter}, Format: *format}, stdout)
	default:
		return usageError(stderr, "plan status --format is json, pdf or xlsx\n"+planUsage)
	}
	var m app.MatrixReply
	if _, err := callOnce(*dir, *keyFile, "Plans.Matrix", app.MatrixRequest{Plan: *id, Quarter: *quarter}, &m); err != nil {
		return printError(stdout, err)
	}
	out := planStatus{Plan: m.Plan, Tasks: []planTask{}, Offices: m.Offices}
	for _, t := range m.Tasks {
		out.Tasks = append(out.Tasks, planTask(t))
	}
	return printJSON(stdout, out)
}

// exportMatrix writes the supervisor's matrix as a PDF or an XLSX file
// (Plans.ExportMatrix) and prints where.
func exportMatrix(dir, keyFile, out string, req app.MatrixExportRequest, stdout io.Writer) int {
	var reply app.FormReply
	if _, err := callOnce(dir, keyFile, "Plans.ExportMatrix", req, &reply); err != nil {
		return printError(stdout, err)
	}
	if out == "" {
		out = reply.Filename
	}
	n, err := writeBase64(out, reply.Content)
	if err != nil {
		return printError(stdout, err)
	}
	return printJSON(stdout, map[string]any{"file": out, "bytes": n, "reprint": reply.Reprint, "verify": reply.Verify})
}
