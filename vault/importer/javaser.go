package importer

import (
	"encoding/binary"
	"errors"
	"math"
)

// A reader of just enough of Java's object serialisation (the Java Object
// Serialization Specification, chapter 6) to read a java.util.HashMap of
// strings and boxed primitives, as FreeOTP writes its backup. Every length
// is checked against the input and against caps, and the nesting depth is
// bounded, so a hostile file fails quickly.

// Stream constants of the specification.
const (
	jsMagic        = 0xACED
	jsVersion      = 5
	jsNull         = 0x70
	jsReference    = 0x71
	jsClassDesc    = 0x72
	jsObject       = 0x73
	jsString       = 0x74
	jsBlockData    = 0x77
	jsEndBlockData = 0x78
	jsLongString   = 0x7C
	jsBaseHandle   = 0x7E0000
	jsWriteMethod  = 0x01
	jsSerializable = 0x02
	jsMaxDepth     = 16
	jsMaxHandles   = 1 << 20
	jsMaxMapSize   = 2 * MaxEntries
)

var errJavaStream = errors.New("not a readable java-serialised map")

// jsClass is a class description.
type jsClass struct {
	name   string
	flags  byte
	fields []jsField
	super  *jsClass
}

type jsField struct {
	typ  byte
	name string
}

// jsReader reads one stream.
type jsReader struct {
	b       []byte
	handles []any
	depth   int
}

// readJavaStringMap reads a serialised java.util.HashMap (or
// LinkedHashMap, TreeMap is not supported) and returns its String keys
// with String values; entries of other types are left out.
func readJavaStringMap(b []byte) (map[string]string, error) {
	if len(b) < 4 || binary.BigEndian.Uint16(b) != jsMagic || binary.BigEndian.Uint16(b[2:]) != jsVersion {
		return nil, errJavaStream
	}
	r := &jsReader{b: b[4:]}
	tc, err := r.byte()
	if err != nil || tc != jsObject {
		return nil, errJavaStream
	}
	cls, err := r.classDesc()
	if err != nil || cls == nil || (cls.name != "java.util.HashMap" && cls.name != "java.util.LinkedHashMap") {
		return nil, errJavaStream
	}
	r.handles = append(r.handles, nil) // the map itself
	// HashMap's own fields (loadFactor, threshold) come from the top of
	// the hierarchy down; LinkedHashMap adds accessOrder after them.
	var chain []*jsClass
	for c := cls; c != nil; c = c.super {
		chain = append([]*jsClass{c}, chain...)
	}
	out := make(map[string]string)
	for _, c := range chain {
		if err := r.fieldValues(c); err != nil {
			return nil, err
		}
		if c.name != "java.util.HashMap" {
			if c.flags&jsWriteMethod != 0 {
				if err := r.skipAnnotation(); err != nil {
					return nil, err
				}
			}
			continue
		}
		// writeObject: block data with capacity and size, then the
		// pairs, then the end of the block.
		tc, err := r.byte()
		if err != nil || tc != jsBlockData {
			return nil, errJavaStream
		}
		n, err := r.byte()
		if err != nil || n < 8 {
			return nil, errJavaStream
		}
		head, err := r.take(int(n))
		if err != nil {
			return nil, err
		}
		size := int(int32(binary.BigEndian.Uint32(head[4:8])))
		if size < 0 || size > jsMaxMapSize {
			return nil, errJavaStream
		}
		for range size {
			k, err := r.content()
			if err != nil {
				return nil, err
			}
			v, err := r.content()
			if err != nil {
				return nil, err
			}
			ks, ok1 := k.(string)
			vs, ok2 := v.(string)
			if ok1 && ok2 {
				out[ks] = vs
			}
		}
		if err := r.skipAnnotation(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (r *jsReader) take(n int) ([]byte, error) {
	if n < 0 || n > len(r.b) {
		return nil, errJavaStream
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b, nil
}

func (r *jsReader) byte() (byte, error) {
	b, err := r.take(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

func (r *jsReader) u16() (int, error) {
	b, err := r.take(2)
	if err != nil {
		return 0, err
	}
	return int(binary.BigEndian.Uint16(b)), nil
}

func (r *jsReader) utf() (string, error) {
	n, err := r.u16()
	if err != nil {
		return "", err
	}
	b, err := r.take(n)
	return string(b), err
}

func (r *jsReader) newHandle(v any) error {
	if len(r.handles) >= jsMaxHandles {
		return errJavaStream
	}
	r.handles = append(r.handles, v)
	return nil
}

func (r *jsReader) handle() (any, error) {
	b, err := r.take(4)
	if err != nil {
		return nil, err
	}
	h := int(binary.BigEndian.Uint32(b)) - jsBaseHandle
	if h < 0 || h >= len(r.handles) {
		return nil, errJavaStream
	}
	return r.handles[h], nil
}

// classDesc reads a class description (after its type code was read for
// TC_OBJECT, or reads the code itself).
func (r *jsReader) classDesc() (*jsClass, error) {
	if r.depth++; r.depth > jsMaxDepth {
		return nil, errJavaStream
	}
	defer func() { r.depth-- }()
	tc, err := r.byte()
	if err != nil {
		return nil, err
	}
	switch tc {
	case jsNull:
		return nil, nil
	case jsReference:
		h, err := r.handle()
		if err != nil {
			return nil, err
		}
		c, ok := h.(*jsClass)
		if !ok {
			return nil, errJavaStream
		}
		return c, nil
	case jsClassDesc:
	default:
		return nil, errJavaStream
	}
	c := &jsClass{}
	if c.name, err = r.utf(); err != nil {
		return nil, err
	}
	if _, err := r.take(8); err != nil { // serialVersionUID
		return nil, err
	}
	if err := r.newHandle(c); err != nil {
		return nil, err
	}
	if c.flags, err = r.byte(); err != nil {
		return nil, err
	}
	n, err := r.u16()
	if err != nil {
		return nil, err
	}
	for range n {
		var f jsField
		if f.typ, err = r.byte(); err != nil {
			return nil, err
		}
		if f.name, err = r.utf(); err != nil {
			return nil, err
		}
		if f.typ == 'L' || f.typ == '[' {
			if _, err := r.content(); err != nil { // the field's type name
				return nil, err
			}
		}
		c.fields = append(c.fields, f)
	}
	if err := r.skipAnnotation(); err != nil {
		return nil, err
	}
	if c.super, err = r.classDesc(); err != nil {
		return nil, err
	}
	return c, nil
}

// skipAnnotation skips block data and objects up to TC_ENDBLOCKDATA.
func (r *jsReader) skipAnnotation() error {
	for {
		tc, err := r.byte()
		if err != nil {
			return err
		}
		switch tc {
		case jsEndBlockData:
			return nil
		case jsBlockData:
			n, err := r.byte()
			if err != nil {
				return err
			}
			if _, err := r.take(int(n)); err != nil {
				return err
			}
		default:
			if _, err := r.contentOf(tc); err != nil {
				return err
			}
		}
	}
}

// fieldValues reads (and drops) the values of c's own fields.
func (r *jsReader) fieldValues(c *jsClass) error {
	for _, f := range c.fields {
		size := map[byte]int{'B': 1, 'Z': 1, 'C': 2, 'S': 2, 'I': 4, 'F': 4, 'J': 8, 'D': 8}[f.typ]
		if size > 0 {
			if _, err := r.take(size); err != nil {
				return err
			}
			continue
		}
		if _, err := r.content(); err != nil {
			return err
		}
	}
	return nil
}

// content reads one object: a string, null, a reference, or an object of
// serialisable classes (boxed numbers and booleans), returned as a string,
// nil, or a placeholder.
func (r *jsReader) content() (any, error) {
	tc, err := r.byte()
	if err != nil {
		return nil, err
	}
	return r.contentOf(tc)
}

// contentOf reads one object whose type code tc was read.
func (r *jsReader) contentOf(tc byte) (any, error) {
	if r.depth++; r.depth > jsMaxDepth {
		return nil, errJavaStream
	}
	defer func() { r.depth-- }()
	switch tc {
	case jsNull:
		return nil, nil
	case jsReference:
		return r.handle()
	case jsString:
		s, err := r.utf()
		if err != nil {
			return nil, err
		}
		return s, r.newHandle(s)
	case jsLongString:
		b, err := r.take(8)
		if err != nil {
			return nil, err
		}
		n := binary.BigEndian.Uint64(b)
		if n > math.MaxInt32 {
			return nil, errJavaStream
		}
		sb, err := r.take(int(n))
		if err != nil {
			return nil, err
		}
		s := string(sb)
		return s, r.newHandle(s)
	case jsObject:
		cls, err := r.classDesc()
		if err != nil || cls == nil {
			return nil, errJavaStream
		}
		obj := struct{}{}
		if err := r.newHandle(obj); err != nil {
			return nil, err
		}
		var chain []*jsClass
		for c := cls; c != nil; c = c.super {
			chain = append([]*jsClass{c}, chain...)
		}
		for _, c := range chain {
			if c.flags&jsSerializable == 0 {
				return nil, errJavaStream
			}
			if err := r.fieldValues(c); err != nil {
				return nil, err
			}
			if c.flags&jsWriteMethod != 0 {
				if err := r.skipAnnotation(); err != nil {
					return nil, err
				}
			}
		}
		return obj, nil
	}
	return nil, errJavaStream
}
