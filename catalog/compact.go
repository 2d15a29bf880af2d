package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// The compact encodings of the list columns, shared by CSV and XLSX:
//
//	agencies   items separated by " | "
//	documents  items separated by "; ", each name:form[:count[:required|optional]]
//	           (count 1 and required when left out)
//	steps      items separated by "; ", each name:role:hours[:form]
//
// Inside a part, a backslash before "\", ";", ":" or "|" makes that
// character part of the text ("Tờ khai\: mẫu 01"); any other backslash is
// kept as it is. Export escapes the four wherever they occur. Space around
// items and parts is ignored, and so are empty items.

// cellProblem is one problem of a compact list cell.
type cellProblem struct {
	item      int // 0-based
	code, msg string
}

// escapeItem escapes the separators of the compact encodings in s.
func escapeItem(s string) string {
	if !strings.ContainsAny(s, `\;:|`) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`\;:|`, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// splitEscaped splits s at every sep not preceded by a backslash, keeping
// the escapes in the parts.
func splitEscaped(s string, sep byte) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case sep:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// unescape removes the escapes of one part and trims it. A backslash before
// any other character, or at the end, is kept as it is.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte(`\;:|`, s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return strings.TrimSpace(b.String())
}

// items splits a cell into its non-empty items.
func items(cell string, sep byte) []string {
	var out []string
	for _, it := range splitEscaped(cell, sep) {
		if strings.TrimSpace(it) != "" {
			out = append(out, it)
		}
	}
	return out
}

// parts splits an item into its unescaped parts.
func parts(item string) []string {
	ps := splitEscaped(item, ':')
	for i, p := range ps {
		ps[i] = unescape(p)
	}
	return ps
}

func formatAgencies(agencies []string) string {
	out := make([]string, len(agencies))
	for i, a := range agencies {
		out[i] = escapeItem(a)
	}
	return strings.Join(out, " | ")
}

func parseAgencies(cell string) []string {
	out := []string{}
	for _, it := range items(cell, '|') {
		out = append(out, unescape(it))
	}
	return out
}

func formatDocuments(docs []Document) string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = fmt.Sprintf("%s:%s:%d", escapeItem(d.Name), escapeItem(string(d.Form)), d.Count)
		if !d.Required {
			out[i] += ":optional"
		}
	}
	return strings.Join(out, "; ")
}

func parseDocuments(cell string) ([]Document, []cellProblem) {
	docs := []Document{}
	var problems []cellProblem
	for i, it := range items(cell, ';') {
		ps := parts(it)
		if len(ps) < 2 || len(ps) > 4 {
			problems = append(problems, cellProblem{i, CodeBadFormat,
				fmt.Sprintf(`document %d: expected "name:form:count" (form original, certified_copy, copy or show), got %q`, i+1, strings.TrimSpace(it))})
			docs = append(docs, Document{})
			continue
		}
		d := Document{Name: ps[0], Form: DocumentForm(ps[1]), Count: 1, Required: true}
		if len(ps) > 2 {
			n, code, msg := parseWhole(ps[2])
			if code != "" {
				problems = append(problems, cellProblem{i, code, fmt.Sprintf("document %d: the count %s", i+1, msg)})
				docs = append(docs, Document{})
				continue
			}
			d.Count = int(n)
		}
		if len(ps) > 3 {
			switch strings.ToLower(ps[3]) {
			case "required":
			case "optional":
				d.Required = false
			default:
				problems = append(problems, cellProblem{i, CodeBadEnum,
					fmt.Sprintf("document %d: %q is neither required nor optional", i+1, ps[3])})
				docs = append(docs, Document{})
				continue
			}
		}
		docs = append(docs, d)
	}
	return docs, problems
}

func formatSteps(steps []Step) string {
	out := make([]string, len(steps))
	for i, s := range steps {
		out[i] = fmt.Sprintf("%s:%s:%s", escapeItem(s.Name), escapeItem(string(s.Role)), strconv.FormatFloat(s.Hours, 'f', -1, 64))
		if s.Form != "" {
			out[i] += ":" + escapeItem(s.Form)
		}
	}
	return strings.Join(out, "; ")
}

func parseSteps(cell string) ([]Step, []cellProblem) {
	steps := []Step{}
	var problems []cellProblem
	for i, it := range items(cell, ';') {
		ps := parts(it)
		if len(ps) < 3 || len(ps) > 4 {
			problems = append(problems, cellProblem{i, CodeBadFormat,
				fmt.Sprintf(`step %d: expected "name:role:hours" or "name:role:hours:form", got %q`, i+1, strings.TrimSpace(it))})
			steps = append(steps, Step{})
			continue
		}
		hours, ok := parseHours(ps[2])
		if !ok {
			problems = append(problems, cellProblem{i, CodeBadNumber,
				fmt.Sprintf("step %d: the hours must be a number like 4 or 0.5 (with a dot), got %q", i+1, ps[2])})
			steps = append(steps, Step{})
			continue
		}
		s := Step{Name: ps[0], Role: Role(ps[1]), Hours: hours}
		if len(ps) > 3 {
			s.Form = ps[3]
		}
		steps = append(steps, s)
	}
	return steps, problems
}

// parseHours reads hours written as digits with at most one decimal dot;
// exponents, infinities and hexadecimal are refused.
func parseHours(s string) (float64, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	h, err := strconv.ParseFloat(s, 64)
	return h, err == nil
}

// The fee rule column holds a FeeRule as items "key:value" separated by
// "; ", keys as in feeKeys, the exemptions separated by " | ":
//
//	kind:per_page; vnd_per_page:2000; from_page:3; vnd_per_page_after:1000; max_vnd_per_copy:200000
//	kind:fixed; vnd:20000; online_vnd:10000; exemptions:Người có công với cách mạng | Hộ nghèo
//
// Amounts are whole numbers written with digits only; an empty cell is no
// rule (the fee_vnd column's).
var feeKeys = []string{"kind", "vnd", "per", "vnd_per_page", "from_page", "vnd_per_page_after",
	"max_vnd_per_copy", "online_vnd", "exemptions", "basis", "effective"}

func formatFeeRule(r FeeRule) string {
	var out []string
	add := func(key, value string) {
		if value != "" {
			out = append(out, key+":"+value)
		}
	}
	num := func(n int64) string {
		if n == 0 {
			return ""
		}
		return strconv.FormatInt(n, 10)
	}
	add("kind", escapeItem(r.Kind))
	add("vnd", num(r.VND))
	add("per", escapeItem(r.Per))
	add("vnd_per_page", num(r.VNDPerPage))
	add("from_page", num(int64(r.FromPage)))
	add("vnd_per_page_after", num(r.VNDPerPageAfter))
	add("max_vnd_per_copy", num(r.MaxVNDPerCopy))
	if r.Online != nil {
		add("online_vnd", strconv.FormatInt(*r.Online, 10))
	}
	add("exemptions", formatAgencies(r.Exemptions))
	add("basis", escapeItem(r.Basis))
	add("effective", escapeItem(r.Effective))
	return strings.Join(out, "; ")
}

func parseFeeRule(cell string) (FeeRule, []cellProblem) {
	var r FeeRule
	var problems []cellProblem
	seen := map[string]bool{}
	for i, it := range items(cell, ';') {
		raw := splitEscaped(it, ':')
		key := strings.ToLower(unescape(raw[0]))
		bad := func(format string, args ...any) {
			problems = append(problems, cellProblem{i, CodeBadFormat, fmt.Sprintf("fee rule item %d: ", i+1) + fmt.Sprintf(format, args...)})
		}
		switch {
		case len(raw) != 2:
			bad(`expected "key:value", got %q`, strings.TrimSpace(it))
			continue
		case !slices.Contains(feeKeys, key):
			problems = append(problems, cellProblem{i, CodeUnknownColumn, fmt.Sprintf("fee rule item %d: unknown key %q; the keys are %s", i+1, key, strings.Join(feeKeys, ", "))})
			continue
		case seen[key]:
			problems = append(problems, cellProblem{i, CodeDuplicateColumn, fmt.Sprintf("fee rule item %d: the key %q appears twice", i+1, key)})
			continue
		}
		seen[key] = true
		value := unescape(raw[1])
		whole := func() int64 {
			n, code, msg := parseWhole(value)
			if code != "" {
				problems = append(problems, cellProblem{i, code, fmt.Sprintf("fee rule item %d: %s %s", i+1, key, msg)})
			}
			return n
		}
		switch key {
		case "kind":
			r.Kind = value
		case "vnd":
			r.VND = whole()
		case "per":
			r.Per = value
		case "vnd_per_page":
			r.VNDPerPage = whole()
		case "from_page":
			r.FromPage = int(whole())
		case "vnd_per_page_after":
			r.VNDPerPageAfter = whole()
		case "max_vnd_per_copy":
			r.MaxVNDPerCopy = whole()
		case "online_vnd":
			n := whole()
			r.Online = &n
		case "exemptions":
			r.Exemptions = parseAgencies(raw[1])
		case "basis":
			r.Basis = value
		case "effective":
			r.Effective = value
		}
	}
	return r, problems
}
