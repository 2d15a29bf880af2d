package catalog

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
)

// decodeJSONProcedure reads one procedure object.
func decodeJSONProcedure(row int, v any) inputRow {
	in := inputRow{row: row}
	obj, ok := v.(map[string]any)
	if !ok {
		in.failField("", wholeRow, CodeBadFormat, "procedure %d is not a JSON object", row)
		return in
	}
	p := &in.p
	p.Active = true
	got := make(map[int]string, len(obj))
	var unknown []string
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		val := obj[k]
		c := jsonColumn(k)
		if c < 0 {
			unknown = append(unknown, k)
			continue
		}
		if prev, dup := got[c]; dup {
			in.fail(cell(c), CodeDuplicateColumn, "the keys %q and %q are the same field", prev, k)
			continue
		}
		got[c] = k
		in.jsonField(c, val)
	}
	if len(unknown) > 0 {
		in.failField(strings.Join(unknown, ", "), "", CodeUnknownColumn, "unknown key(s) %q", unknown)
	}
	if _, ok := got[colTimeLimit]; !ok {
		in.fail(cell(colTimeLimit), CodeRequired, "the time limit is required")
	}
	return in
}

// jsonField sets the field of column c from a decoded JSON value.
func (in *inputRow) jsonField(c int, val any) {
	p := &in.p
	switch c {
	case colCode, colName, colSector, colLevel, colFeeNote, colInteragency, colConfidence,
		colExtendedReason, colDecidingAgency, colBasis:
		s, ok := in.jsonString(cell(c), columns[c].name, val)
		if !ok {
			return
		}
		switch c {
		case colCode:
			p.Code = s
		case colName:
			p.Name = s
		case colSector:
			p.Sector = s
		case colLevel:
			p.Level = Level(s)
		case colFeeNote:
			p.FeeNote = s
		case colInteragency:
			p.Interagency = Interagency(s)
		case colConfidence:
			p.Confidence = Confidence(s)
		case colExtendedReason:
			p.ExtendedReason = s
		case colDecidingAgency:
			p.DecidingAgency = s
		case colBasis:
			p.Basis = s
		}
	case colTimeLimit, colExtended, colFee, colSupplement, colReschedule:
		if val == nil && c != colTimeLimit {
			return
		}
		n, ok := in.jsonWhole(cell(c), columns[c].name, val)
		if !ok {
			return
		}
		switch c {
		case colTimeLimit:
			p.TimeLimitWD = int(n)
		case colExtended:
			v := int(n)
			p.ExtendedTimeLimitWD = &v
		case colFee:
			p.FeeVND = &n
		case colSupplement:
			v := int(n)
			p.SupplementLimitWD = &v
		case colReschedule:
			v := int(n)
			p.RescheduleNoticeWD = &v
		}
	case colFeeRule:
		if val != nil {
			r := in.jsonFeeRule(cell(c), val)
			p.Fee = &r
		}
	case colActive:
		if val == nil {
			return
		}
		if b, ok := val.(bool); ok {
			p.Active = b
		} else {
			in.fail(cell(c), CodeBadFormat, "active must be true or false")
		}
	case colAgencies:
		p.Agencies = []string{}
		for i, item := range in.jsonList(c, val) {
			s, _ := in.jsonString(place{c, i}, fmt.Sprintf("agency %d", i+1), item)
			p.Agencies = append(p.Agencies, s)
		}
	case colDocuments:
		p.Documents = []Document{}
		for i, item := range in.jsonList(c, val) {
			p.Documents = append(p.Documents, in.jsonDocument(place{c, i}, item))
		}
	case colSteps:
		p.Steps = []Step{}
		for i, item := range in.jsonList(c, val) {
			p.Steps = append(p.Steps, in.jsonStep(place{c, i}, item))
		}
	}
}

// jsonDocument reads one {name, form, count, required, validMonths}
// object; count is 1 and required true when left out, validMonths 0 (no
// limit).
func (in *inputRow) jsonDocument(at place, v any) Document {
	d := Document{Count: 1, Required: true}
	item := fmt.Sprintf("document %d: ", at.item+1)
	in.jsonObject(at, item, v, func(key string, val any) bool {
		switch key {
		case "name":
			d.Name, _ = in.jsonString(at, item+"the name", val)
		case "form":
			s, _ := in.jsonString(at, item+"the form", val)
			d.Form = DocumentForm(s)
		case "count":
			c, _ := in.jsonWhole(at, item+"the count", val)
			d.Count = int(c)
		case "required":
			b, ok := val.(bool)
			if !ok {
				in.fail(at, CodeBadFormat, "%srequired must be true or false", item)
			}
			d.Required = b
		case "validMonths":
			m, _ := in.jsonWhole(at, item+"the months valid for reuse", val)
			d.ValidMonths = int(m)
		default:
			return false
		}
		return true
	})
	return d
}

// jsonFeeRule reads a fee rule object (see FeeRule); keys are matched as
// a procedure's are, so "vnd_per_page" is "vndPerPage".
func (in *inputRow) jsonFeeRule(at place, v any) FeeRule {
	var r FeeRule
	const item = "the fee rule: "
	in.jsonObject(at, item, v, func(key string, val any) bool {
		whole := func(what string) int64 {
			n, _ := in.jsonWhole(at, item+what, val)
			return n
		}
		switch key {
		case "kind":
			r.Kind, _ = in.jsonString(at, item+"the kind", val)
		case "vnd":
			r.VND = whole("vnd")
		case "per":
			r.Per, _ = in.jsonString(at, item+"per", val)
		case "vndperpage":
			r.VNDPerPage = whole("vndPerPage")
		case "frompage":
			r.FromPage = int(whole("fromPage"))
		case "vndperpageafter":
			r.VNDPerPageAfter = whole("vndPerPageAfter")
		case "maxvndpercopy":
			r.MaxVNDPerCopy = whole("maxVNDPerCopy")
		case "onlinevnd":
			if val != nil {
				n := whole("onlineVND")
				r.Online = &n
			}
		case "exemptions":
			if val == nil {
				break
			}
			list, ok := val.([]any)
			if !ok {
				in.fail(at, CodeBadFormat, "%sexemptions must be a list", item)
				break
			}
			for i, x := range list {
				s, _ := in.jsonString(at, fmt.Sprintf("%sexemption %d", item, i+1), x)
				r.Exemptions = append(r.Exemptions, s)
			}
		case "basis":
			r.Basis, _ = in.jsonString(at, item+"the basis", val)
		case "effective":
			r.Effective, _ = in.jsonString(at, item+"the effective date", val)
		default:
			return false
		}
		return true
	})
	return r
}

// jsonStep reads one {name, role, hours, form} object.
func (in *inputRow) jsonStep(at place, v any) Step {
	var s Step
	item := fmt.Sprintf("step %d: ", at.item+1)
	in.jsonObject(at, item, v, func(key string, val any) bool {
		switch key {
		case "name":
			s.Name, _ = in.jsonString(at, item+"the name", val)
		case "role":
			r, _ := in.jsonString(at, item+"the role", val)
			s.Role = Role(r)
		case "hours":
			num, isNum := val.(json.Number)
			h, err := num.Float64()
			if isNum && err == nil && !math.IsInf(h, 0) {
				s.Hours = h
			} else {
				in.fail(at, CodeBadNumber, "%sthe hours must be a number", item)
			}
		case "form":
			s.Form, _ = in.jsonString(at, item+"the form", val)
		default:
			return false
		}
		return true
	})
	return s
}

// jsonObject walks a list item's keys (folded by jsonKey) with set, which
// returns false for an unknown key.
func (in *inputRow) jsonObject(at place, item string, v any, set func(key string, val any) bool) {
	obj, isObj := v.(map[string]any)
	if !isObj {
		in.fail(at, CodeBadFormat, "%smust be a JSON object", item)
		return
	}
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if !set(jsonKey(k), obj[k]) {
			in.fail(at, CodeUnknownColumn, "%sunknown key %q", item, k)
		}
	}
}

// jsonList reads a list (null is an empty one).
func (in *inputRow) jsonList(c int, v any) []any {
	if v == nil {
		return nil
	}
	list, ok := v.([]any)
	if !ok {
		in.fail(cell(c), CodeBadFormat, "%s must be a list", columns[c].name)
	}
	return list
}

// jsonString reads a string (null is an empty one); subject names the value
// in messages.
func (in *inputRow) jsonString(at place, subject string, v any) (string, bool) {
	if v == nil {
		return "", true
	}
	s, ok := v.(string)
	if !ok {
		in.fail(at, CodeBadFormat, "%s must be text", subject)
	}
	return s, ok
}

// jsonWhole reads a whole number, refusing fractions and text.
func (in *inputRow) jsonWhole(at place, subject string, v any) (int64, bool) {
	num, ok := v.(json.Number)
	if !ok {
		in.fail(at, CodeBadNumber, "%s must be a number", subject)
		return 0, false
	}
	f, err := num.Float64()
	n, ierr := num.Int64()
	switch {
	case ierr == nil && n >= -MaxFeeVND && n <= MaxFeeVND:
		return n, true
	case err == nil && f == math.Trunc(f) && math.Abs(f) <= MaxFeeVND:
		return int64(f), true
	case err != nil || f == math.Trunc(f):
		in.fail(at, CodeOutOfRange, "%s is out of range: %s", subject, num)
	default:
		in.fail(at, CodeBadNumber, "%s must be a whole number, got %s", subject, num)
	}
	return 0, false
}
