package app

import (
	"context"
	"errors"
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

var templateProjection = jsonProjection[templateRecord]{
	name:   templateProjectionID,
	prefix: templatePrefix,
	apply: func(s *templateRecord, e *store.Event) {
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
}

// templateSubject is the record of an office's template of a form.
func templateSubject(office, form string) string { return templatePrefix + office + "/" + form }

// resolvedTemplate is the template in force for an office: an office's
// own (custom set) or the built-in one.
type resolvedTemplate struct {
	custom  *print.Template
	version string
	// source is the office whose template it is, or "" for the built-in.
	source string
}

// maxOfficeDepth bounds the walk up the office tree, so a cycle recorded
// by two offline admins cannot loop.
const maxOfficeDepth = 16

// resolveTemplate finds the template of form in force for office: its
// own, else the nearest office above it with one, else the built-in.
func resolveTemplate(st *store.Store, office, form string) (resolvedTemplate, error) {
	var found resolvedTemplate
	err := upTree(st, office, func(code string) (bool, error) {
		var r templateRecord
		if _, err := readState(st, templateProjectionID, templateSubject(code, form), &r); err != nil || r.Template == nil {
			return false, err
		}
		found = resolvedTemplate{custom: r.Template, version: r.Template.Version, source: code}
		return true, nil
	})
	if err != nil || found.custom != nil {
		return found, err
	}
	t, err := print.DefaultTemplate(form)
	if err != nil {
		return resolvedTemplate{}, Wrap(CodeInternal, err, "reading the built-in template")
	}
	return resolvedTemplate{version: t.Version}, nil
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

// TemplatesRequest names the office whose templates are listed; empty is
// the caller's.
type TemplatesRequest struct {
	Office string `json:"office"`
}

// TemplateInfo is the template in force for one form.
type TemplateInfo struct {
	Form string `json:"form"`
	// Source is the office whose own template it is, "" for the built-in
	// one.
	Source   string         `json:"source"`
	Template print.Template `json:"template"`
}

// TemplatesReply lists the templates in force, one per form.
type TemplatesReply struct {
	Office    string         `json:"office"`
	Templates []TemplateInfo `json:"templates"`
}

// Templates lists the template in force for each form at an office.
func (p *Print) Templates(ctx context.Context, req TemplatesRequest) (TemplatesReply, error) {
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	office := strings.TrimSpace(req.Office)
	if office == "" {
		office = callerOffice(d.Store, CallerFrom(ctx))
	}
	out := TemplatesReply{Office: office}
	for _, form := range print.Forms {
		r, err := resolveTemplate(d.Store, office, form)
		if err != nil {
			return TemplatesReply{}, err
		}
		info := TemplateInfo{Form: form, Source: r.source}
		if r.custom != nil {
			info.Template = *r.custom
		} else if info.Template, err = print.DefaultTemplate(form); err != nil {
			return TemplatesReply{}, Wrap(CodeInternal, err, "reading the built-in template")
		}
		out.Templates = append(out.Templates, info)
	}
	return out, nil
}

// SetTemplateRequest is an office's own wording of a form.
type SetTemplateRequest struct {
	Template print.Template `json:"template"`
}

// SetTemplate records the caller's office's own template of a form, after
// checking it; it is in force for the office and the offices below it
// that have none of their own, and travels to them like any record.
func (p *Print) SetTemplate(ctx context.Context, req SetTemplateRequest) (TemplatesReply, error) {
	if err := req.Template.Validate(); err != nil {
		return TemplatesReply{}, templateError(err)
	}
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindTemplateSet,
		Subject: templateSubject(office, req.Template.Form), Body: mustJSON(req.Template)}
	if _, err := d.Store.Append(draft); err != nil {
		return TemplatesReply{}, appendErr(err, "saving the template")
	}
	return p.Templates(ctx, TemplatesRequest{Office: office})
}

// ResetTemplateRequest names the form whose own template is dropped.
type ResetTemplateRequest struct {
	Form string `json:"form"`
}

// ResetTemplate drops the caller's office's own template of a form: the
// one above it, or the built-in one, is in force again.
func (p *Print) ResetTemplate(ctx context.Context, req ResetTemplateRequest) (TemplatesReply, error) {
	if _, err := print.DefaultTemplate(req.Form); err != nil {
		return TemplatesReply{}, FieldError("form", "there is no form %q", req.Form)
	}
	d, err := p.core.Deps()
	if err != nil {
		return TemplatesReply{}, err
	}
	cl := CallerFrom(ctx)
	office := callerOffice(d.Store, cl)
	draft := store.Draft{Actor: cl.Actor(), Owner: office, Kind: kindTemplateReset,
		Subject: templateSubject(office, req.Form), Body: []byte(`{}`)}
	if _, err := d.Store.Append(draft); err != nil {
		return TemplatesReply{}, appendErr(err, "resetting the template")
	}
	return p.Templates(ctx, TemplatesRequest{Office: office})
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
