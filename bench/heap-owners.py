#!/usr/bin/env python3
"""Who holds the heap, from a HotSpot heap dump (bench/speed.sh with SPEED_HEAPDUMP=1):
    bench/heap-owners.py target/speed/qiyue.hprof [how many=40]

Walks the object graph breadth-first from the GC roots, so that every object hangs under one shortest path from a
root, and prints the objects whose subtree on that walk is largest, each with its path (classes and field names).
A subtree is not a retained size (an object reachable two ways counts under the first), but it names the owners;
no tool for heap dumps ships with the JDK, and this needs only Python.
"""
import mmap
import struct
import sys
from collections import deque

TYPE_SIZES = {4: 1, 5: 2, 6: 4, 7: 8, 8: 1, 9: 2, 10: 4, 11: 8}
PRIMITIVE_NAMES = {4: 'boolean', 5: 'char', 6: 'float', 7: 'double', 8: 'byte', 9: 'short', 10: 'int', 11: 'long'}


def main(path, top):
    with open(path, 'rb') as f:
        data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    header_end = data.find(b'\0') + 1
    idsize = struct.unpack_from('>I', data, header_end)[0]
    id_format = '>Q' if idsize == 8 else '>I'

    def read_id(pos):
        return struct.unpack_from(id_format, data, pos)[0]

    strings = {}
    class_names = {}
    classes = {}  # class id -> (super id, [(name id, type)], [(name id, value id)] static refs)
    objects = {}  # object id -> (kind, class id or element type, record position, shallow size)
    roots = []
    pos = header_end + 4 + 8
    end = len(data)
    while pos < end:
        tag = data[pos]
        length = struct.unpack_from('>I', data, pos + 5)[0]
        body = pos + 9
        if tag == 0x01:
            strings[read_id(body)] = data[body + idsize:body + length].decode('utf-8', 'replace')
        elif tag == 0x02:
            class_names[read_id(body + 4)] = read_id(body + 8 + idsize)
        elif tag in (0x0C, 0x1C):
            read_segment(data, body, body + length, idsize, read_id, classes, objects, roots)
        pos = body + length

    def name_of_class(class_id):
        return strings.get(class_names.get(class_id), '?').replace('/', '.')

    field_layouts = {}

    def layout(class_id):
        """[(offset, field name, is reference)] of an instance's fields, its own class's first, then its supers'."""
        if class_id in field_layouts:
            return field_layouts[class_id]
        fields = []
        offset = 0
        current = class_id
        while current in classes:
            super_id, instance_fields, _ = classes[current]
            for name_id, field_type in instance_fields:
                fields.append((offset, strings.get(name_id, '?'), field_type == 2))
                offset += idsize if field_type == 2 else TYPE_SIZES[field_type]
            current = super_id
        field_layouts[class_id] = fields
        return fields

    def references(object_id):
        """[(label, referenced id)] going out of an object."""
        if object_id in classes:
            return [(strings.get(name_id, '?'), value) for name_id, value in classes[object_id][2]]
        entry = objects.get(object_id)
        if entry is None:
            return []
        kind, class_id, record, _ = entry
        if kind == 'instance':
            start = record + idsize + 4 + idsize + 4
            return [(name, read_id(start + offset)) for offset, name, is_ref in layout(class_id) if is_ref]
        if kind == 'array':
            count = struct.unpack_from('>I', data, record + idsize + 4)[0]
            start = record + idsize + 8 + idsize
            return [('[%d]' % i, read_id(start + i * idsize)) for i in range(count)]
        return []

    def describe(object_id):
        if object_id in classes:
            return 'class ' + name_of_class(object_id)
        kind, class_id, _, _ = objects[object_id]
        if kind == 'primitive':
            return PRIMITIVE_NAMES.get(class_id, '?') + '[]'
        return name_of_class(class_id)

    parent = {}
    order = []
    queue = deque()
    for root in roots:
        if root not in parent and (root in objects or root in classes):
            parent[root] = None
            queue.append(root)
    while queue:
        current = queue.popleft()
        order.append(current)
        for _, child in references(current):
            if child and child not in parent and (child in objects or child in classes):
                parent[child] = current
                queue.append(child)

    subtree = {}
    largest_child = {}
    for object_id in reversed(order):
        size = subtree.get(object_id, 0) + (objects[object_id][3] if object_id in objects else 0)
        subtree[object_id] = size
        up = parent[object_id]
        if up is not None:
            subtree[up] = subtree.get(up, 0) + size
            largest_child[up] = max(largest_child.get(up, 0), size)

    reached = sum(objects[o][3] for o in order if o in objects)
    print('objects: %d, reached from the roots: %d (%.1f MB)' % (len(objects), len(order), reached / 2 ** 20))
    print('where the heap fans out (no one child holds 60% of the subtree), largest first:')
    shown = 0
    for object_id in sorted(subtree, key=subtree.get, reverse=True):
        if largest_child.get(object_id, 0) >= 0.6 * subtree[object_id]:
            continue
        path = []
        node = object_id
        while node is not None and len(path) < 8:
            up = parent[node]
            label = ''
            if up is not None:
                label = next((name for name, child in references(up) if child == node), '?')
            path.append('%s%s' % (describe(node), ' .' + label if label else ''))
            node = up
        print('%8.1f MB  %s' % (subtree[object_id] / 2 ** 20, ' <- '.join(path)))
        shown += 1
        if shown >= top:
            break


def read_segment(data, pos, end, idsize, read_id, classes, objects, roots):
    root_sizes = {0xFF: idsize, 0x01: 2 * idsize, 0x02: idsize + 8, 0x03: idsize + 8, 0x04: idsize + 4,
                  0x05: idsize, 0x06: idsize + 4, 0x07: idsize, 0x08: idsize + 8}
    while pos < end:
        sub = data[pos]
        pos += 1
        if sub in root_sizes:
            roots.append(read_id(pos))
            pos += root_sizes[sub]
        elif sub == 0x20:
            class_id = read_id(pos)
            super_id = read_id(pos + idsize + 4)
            pos += 7 * idsize + 4 + 4
            constants = struct.unpack_from('>H', data, pos)[0]
            pos += 2
            for _ in range(constants):
                value_type = data[pos + 2]
                pos += 3 + (idsize if value_type == 2 else TYPE_SIZES[value_type])
            statics = struct.unpack_from('>H', data, pos)[0]
            pos += 2
            static_refs = []
            for _ in range(statics):
                name_id = read_id(pos)
                value_type = data[pos + idsize]
                pos += idsize + 1
                if value_type == 2:
                    static_refs.append((name_id, read_id(pos)))
                    pos += idsize
                else:
                    pos += TYPE_SIZES[value_type]
            count = struct.unpack_from('>H', data, pos)[0]
            pos += 2
            fields = []
            for _ in range(count):
                fields.append((read_id(pos), data[pos + idsize]))
                pos += idsize + 1
            classes[class_id] = (super_id, fields, static_refs)
        elif sub == 0x21:
            object_id = read_id(pos)
            class_id = read_id(pos + idsize + 4)
            size = struct.unpack_from('>I', data, pos + 2 * idsize + 4)[0]
            objects[object_id] = ('instance', class_id, pos, 16 + size)
            pos += 2 * idsize + 8 + size
        elif sub == 0x22:
            object_id = read_id(pos)
            count = struct.unpack_from('>I', data, pos + idsize + 4)[0]
            class_id = read_id(pos + idsize + 8)
            objects[object_id] = ('array', class_id, pos, 16 + count * 4)  # compressed references
            pos += 2 * idsize + 8 + count * idsize
        elif sub == 0x23:
            object_id = read_id(pos)
            count = struct.unpack_from('>I', data, pos + idsize + 4)[0]
            element_type = data[pos + idsize + 8]
            objects[object_id] = ('primitive', element_type, pos, 16 + count * TYPE_SIZES[element_type])
            pos += idsize + 9 + count * TYPE_SIZES[element_type]
        else:
            raise ValueError('unknown heap dump record 0x%02x at %d' % (sub, pos - 1))


if __name__ == '__main__':
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 40)
