package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"hoso/print"
	"hoso/store"
)

const (
	templatePrefix       = "template/"
	kindTemplateSet      = "print.template_set"
	kindTemplateReset    = "print.template_reset"
	templateProjectionID = "template"
)

// templateRecord is an office's own template of a form, folded from its
// events; Template is nil after a reset.
type templateRecord struct {
	Template *print.Template `json:"template"`
	Version  int             `json:"version"`
}

// templateProjection applies only the office's own events: a template
// written by another office under its name is ignored.
var templateProjection = ownedProjection[templateRecord]{jsonProjection[templateRecord]{
	name:   templateProjectionID,
	prefix: templatePrefix,
	apply: func(s *templateRecord, e *store.Event) {
		if subjectOffice(e.Subject, templatePrefix) != e.Owner {
			return
		}
		switch e.Kind {
		case kindTemplateSet:
			var t print.Template
			if decodeBody(e, &t) {
				s.Template = &t
				s.Version++
			}
		case kindTemplateReset:
			s.Template = nil
			s.Version++
		}
	},
}}

// templateSubject is the record of an office's template of a paper in a
// form set: "template/38001/TT03-2025/receipt" (the set's slash would split
// the subject).
func templateSubject(office, set, doc string) string {
	return templatePrefix + office + "/" + strings.ReplaceAll(set, "/", "-") + "/" + doc
}

// legacyTemplateSubject is where a template of Circular 01/2018 was
// recorded before form sets: "template/38001/01".
func legacyTemplateSubject(office, form string) string { return templatePrefix + office + "/" + form }

// resolvedTemplate is the template in force for an office: an office's
// own (custom set) or the built-in one.
type resolvedTemplate struct {
	custom  *print.Template
	version string
	// form is the paper's number in its set ("" outside the annex).
	form string
	// source is the office whose template it is, or "" for the built-in.
	source string
}

// maxOfficeDepth bounds the walk up the office tree, so a cycle recorded
// by two offline admins cannot loop.
const maxOfficeDepth = 16

// resolveTemplate finds the template of a paper of set in force for
// office: its own, else the nearest office above it with one, else the
// built-in one. A template of the 2018 set may still sit where it was
// recorded before sets existed.
func resolveTemplate(st *store.Store, office, set, doc string) (resolvedTemplate, error) {
	def, err := print.DefaultTemplate(set, doc)
	if err != nil {
		return resolvedTemplate{}, &Error{Code: CodeNotFound, Field: "form", Message: "form set " + set + " has no " + doc, Err: err}
	}
	subjects := []string{templateSubject("", set, doc)}
	if set == print.SetTT01 && def.Form != "" {
		subjects = append(subjects, legacyTemplateSubject("", def.Form))
	}
	var found resolvedTemplate
	err = upTree(st, office, func(code string) (bool, error) {
		for _, subject := range subjects {
			var r templateRecord
			subject = templatePrefix + code + strings.TrimPrefix(subject, templatePrefix)
			if _, err := readState(st, templateProjectionID, subject, &r); err != nil || r.Template == nil {
				if err != nil {
					return false, err
				}
				continue
			}
			t := r.Template.Normalized()
			found = resolvedTemplate{custom: &t, version: t.Version, form: t.Form, source: code}
			return true, nil
		}
		return false, nil
	})
	if err != nil || found.custom != nil {
		return found, err
	}
	return resolvedTemplate{version: def.Version, form: def.Form}, nil
}

// upTree visits office and then each office above it, nearest first,
// until visit says it is done or the root is passed.
func upTree(st *store.Store, office string, visit func(code string) (done bool, err error)) error {
	code := office
	for range maxOfficeDepth {
		if code == "" {
			return nil
		}
		done, err := visit(code)
		if err != nil || done {
			return err
		}
		o, err := getOffice(st, code)
		if err != nil {
			return nil
		}
		code = o.Parent
	}
	return nil
}

// TemplatesRequest names the office whose templates are listed (empty is
// the caller's) and the form set (empty is the set in force today).
type TemplatesRequest struct {
	Office string `json:"office"`
	Set    string `json:"set"`
}

// TemplateInfo is the template in force for one paper.
type TemplateInfo struct {
	// Doc is the kind of paper; Form its number in the set.
	Doc  string `json:"doc"`
	Form string `json:"form"`
	// Source is the office whose own template it is, "" for the built-in
	// one.
	Source   string         `json:"source"`
	Template print.Template `json:"template"`
}

// TemplatesReply lists the templates in force, one per paper of a set.
type TemplatesReply struct {
	Office string `json:"office"`
	Set    string `json:"set"`
	// Sets are the form sets there are, oldest first.
	Sets      []string       `json:"sets"`
	Templates []TemplateInfo `json:"templates"`
}

// Templates lists the template in force for each paper of a form set at
// an office.
func (p *Print) Templates(ctx context.Context, req TemplatesRequest) (TemplatesReply, error) {
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	set := strings.TrimSpace(req.Set)
	if set == "" {
		set = print.SetFor(p.now())
	}
	if !slices.Contains(print.SetIDs(), set) {
		return TemplatesReply{}, FieldError("set", "there is no form set %q", set)
	}
	out := TemplatesReply{Office: office, Set: set, Sets: print.SetIDs()}
	for _, doc := range print.Docs {
		if _, err := print.DefaultTemplate(set, doc); err != nil {
			continue // a paper this set does not have (the 2018 set's stop notice)
		}
		r, err := resolveTemplate(d.Store, office, set, doc)
		if err != nil {
			return TemplatesReply{}, err
		}
		info := TemplateInfo{Doc: doc, Form: r.form, Source: r.source}
		if r.custom != nil {
			info.Template = *r.custom
		} else if info.Template, err = print.DefaultTemplate(set, doc); err != nil {
			return TemplatesReply{}, Wrap(CodeInternal, err, "reading the built-in template")
		}
		out.Templates = append(out.Templates, info)
	}
	return out, nil
}

// SetTemplateRequest is an office's own wording of a paper.
type SetTemplateRequest struct {
	Template print.Template `json:"template"`
}

// SetTemplate records the caller's office's own template of a paper of a
// form set, after checking it; it is in force for the office and the
// offices below it that have none of their own, and travels to them like
// any record. A template without a set is one of Circular 01/2018, as
// before sets existed.
func (p *Print) SetTemplate(ctx context.Context, req SetTemplateRequest) (TemplatesReply, error) {
	t := req.Template.Normalized()
	if err := t.Validate(); err != nil {
		return TemplatesReply{}, templateError(err)
	}
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindTemplateSet,
		Subject: templateSubject(office, t.Set, t.Doc), Body: mustJSON(t)}
	if _, err := d.Store.Append(draft); err != nil {
		return TemplatesReply{}, appendErr(err, "saving the template")
	}
	return p.Templates(ctx, TemplatesRequest{Office: office, Set: t.Set})
}

// ResetTemplateRequest names the paper whose own template is dropped: Set
// and Doc, or (as before form sets) the form number of Circular 01/2018.
type ResetTemplateRequest struct {
	Set  string `json:"set"`
	Doc  string `json:"doc"`
	Form string `json:"form"`
}

// ResetTemplate drops the caller's office's own template of a paper: the
// one above it, or the built-in one, is in force again.
func (p *Print) ResetTemplate(ctx context.Context, req ResetTemplateRequest) (TemplatesReply, error) {
	set, doc := req.Set, req.Doc
	if set == "" && doc == "" {
		set, doc = print.SetTT01, print.LegacyDoc(req.Form)
	}
	def, err := print.DefaultTemplate(set, doc)
	if err != nil {
		return TemplatesReply{}, FieldError("doc", "form set %q has no paper %q", set, doc)
	}
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	subjects := []string{templateSubject(office, set, doc)}
	if set == print.SetTT01 && def.Form != "" {
		// A template recorded before sets is dropped too, or it would
		// come back in force.
		var r templateRecord
		if ok, err := readState(d.Store, templateProjectionID, legacyTemplateSubject(office, def.Form), &r); err == nil && ok && r.Template != nil {
			subjects = append(subjects, legacyTemplateSubject(office, def.Form))
		}
	}
	drafts := make([]store.Draft, len(subjects))
	for i, subject := range subjects {
		drafts[i] = store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindTemplateReset, Subject: subject, Body: []byte(`{}`)}
	}
	if _, err := d.Store.AppendBatch(drafts); err != nil {
		return TemplatesReply{}, appendErr(err, "resetting the template")
	}
	return p.Templates(ctx, TemplatesRequest{Office: office, Set: set})
}

// templateError lists every problem of a template in Details, the first
// naming the field.
func templateError(err error) error {
	return problemsError("template", err, func(e error) (string, string, bool) {
		var te *print.TemplateError
		if !errors.As(e, &te) {
			return "", "", false
		}
		return te.Field, te.Message, true
	})
}
