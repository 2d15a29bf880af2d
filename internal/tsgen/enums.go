package tsgen

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// ScanEnums reads the Go sources of the module at root (import path
// module) and returns, for every named type given string constants in its
// own package, those constants' values in declaration order, keyed as Key
// does. Test files, testdata and the frontend are skipped.
func ScanEnums(root, module string) (map[string][]string, error) {
	out := map[string][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "testdata", "node_modules", "frontend", "vendor":
				return filepath.SkipDir
			}
			if strings.HasPrefix(d.Name(), ".") && p != root {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		rel, err := filepath.Rel(root, filepath.Dir(p))
		if err != nil {
			return err
		}
		pkg := module
		if rel != "." {
			pkg = path.Join(module, filepath.ToSlash(rel))
		}
		f, err := parser.ParseFile(token.NewFileSet(), p, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		if f.Name.Name == "main" {
			pkg = "main"
		}
		for _, decl := range f.Decls {
			gd, ok := decl.(*ast.GenDecl)
			if !ok || gd.Tok != token.CONST {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				id, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, v := range vs.Values {
					lit, ok := v.(*ast.BasicLit)
					if !ok || lit.Kind != token.STRING {
						continue
					}
					s, err := strconv.Unquote(lit.Value)
					if err != nil {
						return err
					}
					key := pkg + "." + id.Name
					out[key] = append(out[key], s)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// WalkDir visits files in lexical order, so the order is stable; drop
	// repeats (one value declared twice under two names).
	for k, vs := range out {
		seen := map[string]bool{}
		uniq := vs[:0]
		for _, v := range vs {
			if !seen[v] {
				seen[v] = true
				uniq = append(uniq, v)
			}
		}
		out[k] = uniq
	}
	return out, nil
}
