/// A restricted unpickler for `torch.save`'s `data.pkl` (pickle protocols 2–5, binary opcodes).
///
/// It never imports or calls anything: GLOBAL names are checked against ``PickleAllowList`` and
/// kept as names; REDUCE/NEWOBJ on them are interpreted (`OrderedDict()` → dict,
/// `_rebuild_tensor_v2` → ``TensorView``, `_rebuild_parameter` → its tensor). Text-protocol and
/// object-building opcodes (INST, OBJ, EXT*) are refused. Every read is bounds-checked.
struct PickleMachine {
    let bytes: [UInt8]
    let path: String
    /// Deepest tuple nesting accepted.
    static let maximumDepth = 200
    /// Most list and dict objects accepted (a large Lightning checkpoint has a few thousand).
    static let maximumContainers = 1_000_000

    var lists = [[PickleValue]]()
    var dicts = [[(key: PickleValue, value: PickleValue)]]()
    private var stack = [PickleValue]()
    private var marks = [Int]()
    private var memo = [Int: PickleValue]()

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.path = path
    }

    private func malformed(_ reason: String, at offset: Int) -> ModelError {
        .malformed(path: path, reason: "data.pkl offset \(offset): \(reason)")
    }

    /// Runs the pickle to STOP and returns the top value.
    mutating func run() throws -> PickleValue {
        var r = ByteReader(bytes, path: path + " (data.pkl)")
        while true {
            let at = r.offset
            let op = try r.u8("pickle opcode")
            switch op {
            case 0x80: _ = try r.u8("PROTO version")                       // PROTO
            case 0x95: _ = try r.u64("FRAME length")                        // FRAME
            case 0x2E:                                                      // STOP
                guard let top = stack.last else { throw malformed("STOP with an empty stack", at: at) }
                return top
            case 0x28: marks.append(stack.count)                            // MARK
            case 0x7D: try push(newDict())                                  // EMPTY_DICT
            case 0x5D: try push(newList())                                  // EMPTY_LIST
            case 0x29: stack.append(.tuple([], depth: 1))                   // EMPTY_TUPLE
            case 0x8F: try push(newList())                                  // EMPTY_SET (kept as a list)
            case 0x4E: stack.append(.none)                                  // NONE
            case 0x88: stack.append(.bool(true))                            // NEWTRUE
            case 0x89: stack.append(.bool(false))                           // NEWFALSE
            case 0x4B: stack.append(.int(Int(try r.u8("BININT1"))))         // BININT1
            case 0x4D: stack.append(.int(Int(try r.u16("BININT2"))))        // BININT2
            case 0x4A: stack.append(.int(Int(try r.i32("BININT"))))         // BININT
            case 0x8A: stack.append(.int(try long(&r, Int(try r.u8("LONG1 length")), at: at)))     // LONG1
            case 0x8B:                                                                           // LONG4
                let n = Int(try r.u32("LONG4 length"))
                stack.append(.int(try long(&r, n, at: at)))
            case 0x47:                                                      // BINFLOAT (big-endian)
                r.bigEndian = true
                let bits = try r.u64("BINFLOAT")
                r.bigEndian = false
                stack.append(.float(Double(bitPattern: bits)))
            case 0x58: stack.append(.string(try text(&r, Int(try r.u32("BINUNICODE length")))))        // BINUNICODE
            case 0x8C: stack.append(.string(try text(&r, Int(try r.u8("SHORT_BINUNICODE length")))))   // SHORT_BINUNICODE
            case 0x8D: stack.append(.string(try text(&r, try length64(&r, at: at))))                     // BINUNICODE8
            case 0x55: stack.append(.string(try text(&r, Int(try r.u8("SHORT_BINSTRING length")))))    // SHORT_BINSTRING
            case 0x54: stack.append(.string(try text(&r, Int(try r.u32("BINSTRING length")))))         // BINSTRING
            case 0x43: stack.append(.bytes(Array(try r.slice(Int(try r.u8("SHORT_BINBYTES length")), "SHORT_BINBYTES"))))
            case 0x42: stack.append(.bytes(Array(try r.slice(Int(try r.u32("BINBYTES length")), "BINBYTES"))))
            case 0x8E: stack.append(.bytes(Array(try r.slice(try length64(&r, at: at), "BINBYTES8"))))
            case 0x71: memo[Int(try r.u8("BINPUT index"))] = try top(at)                    // BINPUT
            case 0x72: memo[Int(try r.u32("LONG_BINPUT index"))] = try top(at)              // LONG_BINPUT
            case 0x94: memo[memo.count] = try top(at)                                       // MEMOIZE
            case 0x68: stack.append(try recall(Int(try r.u8("BINGET index")), at: at))      // BINGET
            case 0x6A: stack.append(try recall(Int(try r.u32("LONG_BINGET index")), at: at)) // LONG_BINGET
            case 0x30: _ = try pop(at)                                                      // POP
            case 0x31: _ = try popMark(at)                                                  // POP_MARK
            case 0x32: stack.append(try top(at))                                            // DUP
            case 0x74: try push(tuple(try popMark(at), at: at))                             // TUPLE
            case 0x85: let a = try pop(at); try push(tuple([a], at: at))                     // TUPLE1
            case 0x86: let b = try pop(at), a = try pop(at); try push(tuple([a, b], at: at)) // TUPLE2
            case 0x87:                                                                       // TUPLE3
                let c = try pop(at), b = try pop(at), a = try pop(at)
                try push(tuple([a, b, c], at: at))
            case 0x61:                                                                      // APPEND
                let v = try pop(at)
                try append([v], to: try top(at), at: at)
            case 0x65, 0x90:                                                                // APPENDS, ADDITEMS
                let items = try popMark(at)
                try append(items, to: try top(at), at: at)
            case 0x73:                                                                      // SETITEM
                let v = try pop(at), k = try pop(at)
                try setItems([k, v], in: try top(at), at: at)
            case 0x75:                                                                      // SETITEMS
                let items = try popMark(at)
                try setItems(items, in: try top(at), at: at)
            case 0x63:                                                                      // GLOBAL
                let module = try line(&r), name = try line(&r)
                stack.append(try global(module, name))
            case 0x93:                                                                      // STACK_GLOBAL
                let name = try pop(at), module = try pop(at)
                guard case let .string(m) = module, case let .string(n) = name else {
                    throw malformed("STACK_GLOBAL needs two strings, got \(module.kind) and \(name.kind)", at: at)
                }
                stack.append(try global(m, n))
            case 0x51:                                                                      // BINPERSID
                stack.append(try persistentLoad(try pop(at), at: at))
            case 0x52:                                                                      // REDUCE
                let args = try pop(at), callable = try pop(at)
                try push(try reduce(callable, args, at: at))
            case 0x81:                                                                      // NEWOBJ
                let args = try pop(at), cls = try pop(at)
                try push(try reduce(cls, args, at: at))
            case 0x62:                                                                      // BUILD
                let state = try pop(at)
                let object = try top(at)
                if case let .dict(d) = object, case let .dict(s) = state { dicts[d].append(contentsOf: dicts[s]) }
                // Other state (e.g. a tensor's Python attributes) is ignored: nothing is set or called.
            case 0x69, 0x6F, 0x82, 0x83, 0x84:
                throw malformed("opcode 0x\(String(op, radix: 16)) (INST/OBJ/EXT) would build arbitrary objects and is refused", at: at)
            default:
                throw malformed("unsupported pickle opcode 0x\(String(op, radix: 16)); torch.save with pickle protocol 2-5 is supported", at: at)
            }
        }
    }

    // MARK: stack

    private mutating func push(_ v: PickleValue) throws { stack.append(v) }

    private mutating func pop(_ at: Int) throws -> PickleValue {
        guard let v = stack.popLast(), marks.last.map({ stack.count >= $0 }) ?? true else {
            throw malformed("pop from an empty stack", at: at)
        }
        if case .mark = v { throw malformed("unexpected MARK", at: at) }
        return v
    }

    private func top(_ at: Int) throws -> PickleValue {
        guard let v = stack.last else { throw malformed("empty stack", at: at) }
        return v
    }

    private mutating func popMark(_ at: Int) throws -> [PickleValue] {
        guard let m = marks.popLast(), m <= stack.count else { throw malformed("no MARK to pop to", at: at) }
        let items = Array(stack[m...])
        stack.removeSubrange(m...)
        return items
    }

    private func recall(_ i: Int, at: Int) throws -> PickleValue {
        guard let v = memo[i] else { throw malformed("memo index \(i) was never stored", at: at) }
        return v
    }

    private func tuple(_ items: [PickleValue], at: Int) throws -> PickleValue {
        let depth = 1 + (items.map(\.depth).max() ?? 0)
        guard depth <= Self.maximumDepth else { throw malformed("tuples nested more than \(Self.maximumDepth) deep", at: at) }
        return .tuple(items, depth: depth)
    }

    private mutating func newList() throws -> PickleValue {
        guard lists.count + dicts.count < Self.maximumContainers else {
            throw ModelError.malformed(path: path, reason: "data.pkl builds more than \(Self.maximumContainers) lists and dicts")
        }
        lists.append([])
        return .list(lists.count - 1)
    }

    private mutating func newDict() throws -> PickleValue {
        guard lists.count + dicts.count < Self.maximumContainers else {
            throw ModelError.malformed(path: path, reason: "data.pkl builds more than \(Self.maximumContainers) lists and dicts")
        }
        dicts.append([])
        return .dict(dicts.count - 1)
    }

    private mutating func append(_ items: [PickleValue], to target: PickleValue, at: Int) throws {
        guard case let .list(i) = target else { throw malformed("APPEND to a \(target.kind)", at: at) }
        lists[i].append(contentsOf: items)
    }

    private mutating func setItems(_ items: [PickleValue], in target: PickleValue, at: Int) throws {
        guard case let .dict(i) = target, items.count % 2 == 0 else {
            throw malformed("SETITEMS on a \(target.kind) with \(items.count) values", at: at)
        }
        for j in stride(from: 0, to: items.count, by: 2) { dicts[i].append((items[j], items[j + 1])) }
    }

    // MARK: operands

    private func text(_ r: inout ByteReader, _ n: Int) throws -> String {
        String(decoding: try r.slice(n, "pickle string of \(n) bytes"), as: UTF8.self)
    }

    private func length64(_ r: inout ByteReader, at: Int) throws -> Int {
        let n = try r.u64("8-byte length")
        guard n <= UInt64(r.remaining) else {
            throw ModelError.truncated(path: path + " (data.pkl)", what: "pickle operand", offset: r.offset,
                                       needed: Int(clamping: n), available: r.remaining)
        }
        return Int(n)
    }

    private func line(_ r: inout ByteReader) throws -> String {
        var chars = [UInt8]()
        while true {
            let c = try r.u8("GLOBAL name (newline-terminated)")
            if c == 0x0A { break }
            chars.append(c)
            guard chars.count <= 1024 else { throw malformed("GLOBAL name longer than 1024 bytes", at: r.offset) }
        }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Little-endian two's-complement integer of `n` bytes (LONG1/LONG4); at most 8 bytes.
    private func long(_ r: inout ByteReader, _ n: Int, at: Int) throws -> Int {
        guard n <= 8 else { throw malformed("integer of \(n) bytes is too large", at: at) }
        let s = try r.slice(n, "LONG operand")
        var v: UInt64 = 0
        for (i, b) in s.enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
        if n > 0, n < 8, let last = s.last, last & 0x80 != 0 { v |= ~UInt64(0) << (8 * UInt64(n)) }
        return Int(Int64(bitPattern: v))
    }

    // MARK: globals, persistent ids, reduce

    /// Refuses any global not on the allow-list, before anything else happens.
    private func global(_ module: String, _ name: String) throws -> PickleValue {
        let full = "\(module).\(name)"
        guard PickleAllowList.set.contains(full) else {
            throw ModelError.disallowedGlobal(path: path, global: full, allowed: PickleAllowList.globals)
        }
        return .global(full)
    }

    /// `('storage', torch.FloatStorage, key, location, numel)` → a storage reference.
    private func persistentLoad(_ pid: PickleValue, at: Int) throws -> PickleValue {
        guard case let .tuple(items, _) = pid, items.count >= 3, case .string("storage") = items[0],
              case let .global(type) = items[1], case let .string(key) = items[2] else {
            throw malformed("persistent id is not ('storage', torch.XStorage, key, ...)", at: at)
        }
        guard let dtype = DType(torchStorage: String(type.dropFirst("torch.".count))) else {
            throw ModelError.unsupportedDType(path: path, tensor: "storage \(key)", dtype: type)
        }
        return .storage(key: key, dtype: dtype)
    }

    private func ints(_ v: PickleValue, _ what: String, at: Int) throws -> [Int] {
        guard case let .tuple(items, _) = v else { throw malformed("\(what) is a \(v.kind), not a tuple", at: at) }
        return try items.map {
            guard case let .int(i) = $0, i >= 0 else { throw malformed("\(what) holds \($0.kind), not a non-negative int", at: at) }
            return i
        }
    }

    private mutating func reduce(_ callable: PickleValue, _ args: PickleValue, at: Int) throws -> PickleValue {
        guard case let .global(name) = callable, case let .tuple(a, _) = args else {
            throw malformed("REDUCE of \(callable.kind) with \(args.kind)", at: at)
        }
        switch name {
        case "collections.OrderedDict":
            let d = try newDict()
            if case let .dict(i) = d, let first = a.first, case let .list(l) = first {
                for pair in lists[l] {
                    if case let .tuple(kv, _) = pair, kv.count == 2 { dicts[i].append((kv[0], kv[1])) }
                }
            }
            return d
        case "torch._utils._rebuild_tensor_v2":
            guard a.count >= 4, case let .storage(key, dtype) = a[0], case let .int(offset) = a[1], offset >= 0 else {
                throw malformed("_rebuild_tensor_v2 arguments are not (storage, offset, size, stride, ...)", at: at)
            }
            let shape = try ints(a[2], "tensor size", at: at), stride = try ints(a[3], "tensor stride", at: at)
            guard shape.count == stride.count else { throw malformed("tensor size \(shape) and stride \(stride) differ in rank", at: at) }
            return .tensor(TensorView(key: key, dtype: dtype, offset: offset, shape: shape, stride: stride))
        case "torch._utils._rebuild_parameter":
            guard let data = a.first, case .tensor = data else { throw malformed("_rebuild_parameter without a tensor", at: at) }
            return data
        default:
            throw malformed("\(name) is not callable here", at: at)
        }
    }

    // MARK: flattening

    /// Every tensor reachable from `root`, named by its dotted path (`state_dict.conv1.weight`), in pickle order.
    func tensors(from root: PickleValue) throws -> [(name: String, view: TensorView)] {
        var out = [(name: String, view: TensorView)]()
        try walk(root, prefix: "", depth: 0, into: &out)
        return out
    }

    private func walk(_ v: PickleValue, prefix: String, depth: Int, into out: inout [(name: String, view: TensorView)]) throws {
        guard depth <= Self.maximumDepth else {
            throw ModelError.malformed(path: path, reason: "data.pkl nests containers more than \(Self.maximumDepth) deep (or in a cycle)")
        }
        func join(_ k: String) -> String { prefix.isEmpty ? k : prefix + "." + k }
        switch v {
        case let .tensor(t): out.append((prefix, t))
        case let .dict(i):
            for (k, value) in dicts[i] {
                let key: String
                switch k {
                case let .string(s): key = s
                case let .int(n): key = String(n)
                default: continue
                }
                try walk(value, prefix: join(key), depth: depth + 1, into: &out)
            }
        case let .list(i):
            for (n, value) in lists[i].enumerated() { try walk(value, prefix: join(String(n)), depth: depth + 1, into: &out) }
        case let .tuple(items, _):
            for (n, value) in items.enumerated() { try walk(value, prefix: join(String(n)), depth: depth + 1, into: &out) }
        default: break
        }
    }
}
