package main

// hoso-node bench queries --data DIR times what a desk or the province asks
// first of a big folder (the demo's province): the dossier list's first page
// with its total, its overdue and due-soon counts, the dashboard and II.06a
// of an office's subtree (the province by default). Each is called once
// cold, then --repeats times; the JSON gives the first and the median, in
// milliseconds, and the time to open the folder.

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"hoso/app"
	"hoso/calendar"
)

// queryTiming is one query's times.
type queryTiming struct {
	Query    string  `json:"query"`
	FirstMs  float64 `json:"firstMs"`
	MedianMs float64 `json:"medianMs"`
	// FirstCPUMs and MedianCPUMs are the process's CPU time (user and
	// system) over the same calls: on a busy machine, where the wall
	// clock waits for other programs, the better figure.
	FirstCPUMs  float64 `json:"firstCpuMs"`
	MedianCPUMs float64 `json:"medianCpuMs"`
	// Total is the list's total or count, where the reply has one.
	Total *int `json:"total,omitempty"`
}

func runBenchQueries(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench queries", flag.ContinueOnError)
	dir := fs.String("data", "", "data folder (required)")
	keyFile := fs.String("key-file", "", "the data key file, if it moved since init")
	office := fs.String("office", "38", "office whose subtree the dashboard and II.06a cover")
	now := time.Now().In(calendar.Zone)
	period := fs.String("period", fmt.Sprintf("%dQ%d", now.Year(), (int(now.Month())+2)/3), "period of the dashboard and II.06a")
	repeats := fs.Int("repeats", 5, "calls after the first (the median is reported)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the queries (not of the opening) to this file")
	if !parseFlags(fs, args, stderr) {
		return exitUsage
	}
	if *dir == "" || *repeats < 1 {
		return usageError(stderr, "bench queries needs --data DIR and --repeats ≥ 1")
	}
	start := time.Now()
	t, err := openTarget(*dir, *keyFile)
	if err != nil {
		return printError(stdout, err)
	}
	defer t.close()
	if t.local == nil {
		return printError(stdout, app.Errorf(app.CodeDataInUse, "a node serves %s: stop it to time the queries in this process", *dir))
	}
	opened := time.Since(start)
	prof, err := startProfiles(*cpuProfile, "")
	if err != nil {
		return printError(stdout, err)
	}
	defer prof.stop()
	report := app.ReportRequest{Office: *office, Period: *period}
	queries := []struct {
		name, method string
		params       any
	}{
		{"list, first page", "Dossiers.Search", app.SearchRequest{Page: 1, PageSize: 20}},
		{"list, first page with its total", "Dossiers.Search", app.SearchRequest{Page: 1, PageSize: 20, Count: true}},
		{"list, overdue count", "Dossiers.Search", app.SearchRequest{Overdue: true, Page: 1, PageSize: 1, Count: true}},
		{"list, due-soon count", "Dossiers.Search", app.SearchRequest{DueSoon: true, Page: 1, PageSize: 1, Count: true}},
		{"dashboard " + *office + " " + *period, "Reports.Dashboard", report},
		{"II.06a " + *office + " " + *period, "Reports.II06a", report},
	}
	var out []queryTiming
	for _, q := range queries {
		params, err := json.Marshal(q.params)
		if err != nil {
			return printError(stdout, err)
		}
		var times, cpu []time.Duration
		var reply json.RawMessage
		for i := 0; i <= *repeats; i++ {
			t0, c0 := time.Now(), cpuTime()
			reply, err = t.call(q.method, params)
			times, cpu = append(times, time.Since(t0)), append(cpu, cpuTime()-c0)
			if err != nil {
				return printError(stdout, err)
			}
		}
		qt := queryTiming{Query: q.name, FirstMs: ms(times[0]), MedianMs: median(times[1:]), FirstCPUMs: ms(cpu[0]), MedianCPUMs: median(cpu[1:])}
		var total struct {
			Total *int `json:"total"`
		}
		if json.Unmarshal(reply, &total) == nil {
			qt.Total = total.Total
		}
		out = append(out, qt)
	}
	return printJSON(stdout, struct {
		OpenMs  float64       `json:"openMs"`
		Queries []queryTiming `json:"queries"`
	}{ms(opened), out})
}

// median is the median of durations, in milliseconds.
func median(d []time.Duration) float64 {
	d = slices.Clone(d)
	slices.Sort(d)
	return ms(d[len(d)/2])
}

// ms is a duration in milliseconds, to a tenth.
func ms(d time.Duration) float64 {
	return float64(d.Round(100*time.Microsecond)) / float64(time.Millisecond)
}
