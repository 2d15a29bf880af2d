package app

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"testing"
)

func TestCatalogService(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)

	// The office starts from the shipped catalog.
	var list CatalogList
	e.mustCall(t, admin, "Catalog.List", CatalogQuery{}, &list)
	if len(list.Procedures) != 21 || len(list.Sectors) < 4 {
		t.Fatalf("default catalog: %d procedures, sectors %v", len(list.Procedures), list.Sectors)
	}
	// Search ignores accents and case.
	e.mustCall(t, admin, "Catalog.List", CatalogQuery{Query: "KHAI SINH"}, &list)
	found := false
	for _, p := range list.Procedures {
		found = found || p.Code == "1.001193"
	}
	if !found {
		t.Fatalf("'KHAI SINH' did not find Đăng ký khai sinh: %+v", list.Procedures)
	}

	// An edit makes a new version; the old one stays readable.
	var got ProcedureReply
	e.mustCall(t, admin, "Catalog.Get", ProcedureRequest{Code: "1.004837"}, &got)
	if got.Version != 1 || got.Procedure.TimeLimitWD != 3 {
		t.Fatalf("before edit %+v", got)
	}
	p := got.Procedure
	p.TimeLimitWD = 4
	e.mustCall(t, admin, "Catalog.Save", SaveProcedureRequest{Procedure: p}, &got)
	if got.Version != 2 || len(got.Versions) != 2 || got.Procedure.TimeLimitWD != 4 {
		t.Fatalf("after edit %+v", got)
	}
	e.mustCall(t, admin, "Catalog.Save", SaveProcedureRequest{Procedure: p}, &got)
	if got.Version != 2 {
		t.Fatalf("an unchanged save made version %d", got.Version)
	}
	e.mustCall(t, admin, "Catalog.Get", ProcedureRequest{Code: "1.004837", Version: 1}, &got)
	if got.Procedure.TimeLimitWD != 3 || got.Version != 1 {
		t.Fatalf("version 1: %+v", got)
	}
	bad := p
	bad.TimeLimitWD = -1
	if err := e.call(t, admin, "Catalog.Save", SaveProcedureRequest{Procedure: bad}, nil); err == nil || err.Field != "procedure.timeLimitWD" {
		t.Fatalf("bad time limit: %v", err)
	}

	// Export, break one row, import: refused whole, nothing changes.
	var exp ExportReply
	e.mustCall(t, admin, "Catalog.Export", FormatRequest{Format: "csv"}, &exp)
	raw, _ := base64.StdEncoding.DecodeString(exp.Content)
	lines := strings.Split(string(raw), "\n")
	if len(lines) < 22 {
		t.Fatalf("export has %d lines", len(lines))
	}
	cols := strings.Split(strings.TrimSpace(strings.TrimPrefix(lines[0], "\ufeff")), ",")
	limitCol, noteCol := -1, -1
	for i, c := range cols {
		switch strings.TrimSpace(c) {
		case "time_limit_wd":
			limitCol = i
		case "fee_note":
			noteCol = i
		}
	}
	if limitCol < 0 || noteCol < 0 {
		t.Fatalf("columns %q", lines[0])
	}
	// Change every fee note, and break row 4's time limit.
	changed := make([]string, len(lines))
	copy(changed, lines)
	var row4Limit string
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "" {
			continue
		}
		f := splitCSVLine(strings.TrimRight(lines[i], "\r"))
		f[noteCol] = "Biểu phí 2027"
		if i == 3 {
			row4Limit, f[limitCol] = f[limitCol], "abc"
		}
		changed[i] = joinCSVLine(f)
	}
	err := e.call(t, admin, "Catalog.Import", ImportRequest{Format: "csv", Content: strings.Join(changed, "\n")}, nil)
	if err == nil || err.Code != CodeImportRejected {
		t.Fatalf("bad import: %v", err)
	}
	rows := err.Details.(map[string]any)["rows"].([]RowProblem)
	if len(rows) != 1 || rows[0].Row != 4 || rows[0].Column != "time_limit_wd" {
		t.Fatalf("row errors %+v", rows)
	}
	e.mustCall(t, admin, "Catalog.Get", ProcedureRequest{Code: "1.001193"}, &got)
	if got.Version != 1 {
		t.Fatal("a refused import changed the catalog")
	}
	// Fixed, it imports; then the same file again changes nothing.
	f := splitCSVLine(changed[3])
	f[limitCol] = row4Limit
	changed[3] = joinCSVLine(f)
	var rep ImportReply
	e.mustCall(t, admin, "Catalog.Import", ImportRequest{Format: "csv", Content: strings.Join(changed, "\n")}, &rep)
	if rep.Imported != 21 || rep.Changed != 21 {
		t.Fatalf("import %+v", rep)
	}
	e.mustCall(t, admin, "Catalog.Import", ImportRequest{Format: "csv", Content: strings.Join(changed, "\n")}, &rep)
	if rep.Changed != 0 || rep.Unchanged != 21 {
		t.Fatalf("re-import %+v", rep)
	}
	// XLSX goes through base64.
	e.mustCall(t, admin, "Catalog.Export", FormatRequest{Format: "xlsx"}, &exp)
	e.mustCall(t, admin, "Catalog.Import", ImportRequest{Format: "xlsx", Content: exp.Content, Encoding: "base64"}, &rep)
	if rep.Unchanged != 21 {
		t.Fatalf("xlsx round trip %+v", rep)
	}

	// Clerks read the catalog but cannot change it.
	var clerk UserInfo
	e.mustCall(t, admin, "Users.Save", SaveUserRequest{Username: "clerk1", FullName: "Văn Thư", Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, &clerk)
	var login LoginReply
	e.mustCall(t, "", "Auth.Login", LoginRequest{Username: "clerk1", Password: "12345678"}, &login)
	e.mustCall(t, login.Session, "Catalog.List", CatalogQuery{}, &list)
	if err := e.call(t, login.Session, "Catalog.Save", SaveProcedureRequest{Procedure: p}, nil); err == nil || err.Code != CodeForbidden {
		t.Fatalf("a clerk editing the catalog: %v", err)
	}
}

// splitCSVLine splits a CSV line, honouring quotes (enough for the test).
func splitCSVLine(s string) []string {
	var out []string
	var cur strings.Builder
	inQ := false
	for i := 0; i < len(s); i++ {
		ch := s[i]
		switch {
		case ch == '"' && inQ && i+1 < len(s) && s[i+1] == '"':
			cur.WriteByte('"')
			i++
		case ch == '"':
			inQ = !inQ
		case ch == ',' && !inQ:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	return append(out, cur.String())
}

func joinCSVLine(f []string) string {
	q := make([]string, len(f))
	for i, x := range f {
		if strings.ContainsAny(x, ",\"\n") {
			x = `"` + strings.ReplaceAll(x, `"`, `""`) + `"`
		}
		q[i] = x
	}
	return strings.Join(q, ",")
}

// TestCatalogImportOfAProvinceFitsADesk: a catalog of 400 procedures of
// ~3 KB each (over 1 MB) imports into a desk's store, whose local
// transactions Badger bounds at 15% of a 2 MB memtable: the import is
// written in parts below that.
func TestCatalogImportOfAProvinceFitsADesk(t *testing.T) {
	e := newEnv(t)
	admin := e.setup(t)
	var exp ExportReply
	e.mustCall(t, admin, "Catalog.Export", FormatRequest{Format: "json"}, &exp)
	raw, err := base64.StdEncoding.DecodeString(exp.Content)
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	shipped := file["procedures"].([]any)
	var procs []any
	for i := range 400 {
		p := maps.Clone(shipped[i%len(shipped)].(map[string]any))
		p["code"] = fmt.Sprintf("1.9%05d", i)
		p["basis"] = strings.Repeat("Nghị định 123/2015 điều 2–3, sửa đổi bởi Nghị định 07/2025; ", 14)
		var docs []any
		for j := range 16 {
			docs = append(docs, map[string]any{"name": fmt.Sprintf("Bản sao giấy tờ chứng minh nơi cư trú của người yêu cầu, số %d", j), "form": "copy", "count": 1, "required": j%2 == 0})
		}
		p["documents"] = docs
		procs = append(procs, p)
	}
	file["procedures"] = procs
	big, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(big) < 1<<20 {
		t.Fatalf("the catalog is %d bytes, want over 1 MB", len(big))
	}
	var rep ImportReply
	e.mustCall(t, admin, "Catalog.Import", ImportRequest{Format: "json", Content: string(big)}, &rep)
	if rep.Imported != 400 || rep.Changed != 400 {
		t.Fatalf("import %+v", rep)
	}
}
