//! The context: uniqued storage for types, attributes, strings and op names,
//! the registry of dialects, and the source files that locations point into.
//!
//! Everything here is append-only and readable through `&Context` from many
//! threads at once; uniquing takes a short lock only when something new is
//! interned.

use std::hash::Hash;
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::FxHashMap;

use crate::attributes::{AttrData, Attribute};
use crate::dialect::{Dialect, OpDefinition};
use crate::location::SourceFile;
use crate::types::{Type, TypeData};

/// Append-only uniquing table: equal values get the same index.
pub(crate) struct Interner<T> {
    items: boxcar::Vec<T>,
    index: Mutex<FxHashMap<T, u32>>,
}

impl<T: Clone + Eq + Hash> Interner<T> {
    fn new() -> Self {
        Interner { items: boxcar::Vec::new(), index: Mutex::new(FxHashMap::default()) }
    }

    pub(crate) fn intern(&self, value: T) -> u32 {
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = index.get(&value) {
            return id;
        }
        let id = self.items.push(value.clone()) as u32;
        index.insert(value, id);
        id
    }

    pub(crate) fn get(&self, id: u32) -> &T {
        &self.items[id as usize]
    }

    pub(crate) fn lookup<Q>(&self, value: &Q) -> Option<u32>
    where
        T: std::borrow::Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        self.index.lock().unwrap_or_else(|e| e.into_inner()).get(value).copied()
    }
}

/// An interned string (identifiers, attribute names, file names).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Symbol(pub(crate) u32);

/// An interned operation name such as `arith.addi`, registered or not.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct OpName(pub(crate) u32);

/// What the context knows about one op name.
pub struct OpNameInfo {
    pub name: Symbol,
    /// The op's definition once its dialect is registered.
    pub definition: OnceLock<Arc<OpDefinition>>,
    /// Interfaces the op implements.
    pub(crate) interfaces: crate::interface::InterfaceTable,
}

/// Index of a loaded source file in the context.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct FileId(pub(crate) u32);

/// Shared, uniqued state of a compilation.
pub struct Context {
    pub(crate) types: Interner<TypeData>,
    pub(crate) attrs: Interner<AttrData>,
    strings: Interner<Box<str>>,
    op_names: boxcar::Vec<OpNameInfo>,
    op_name_index: Mutex<FxHashMap<Symbol, u32>>,
    dialects: Mutex<Vec<Arc<Dialect>>>,
    files: boxcar::Vec<SourceFile>,
    /// Whether ops of unknown dialects are accepted (`--allow-unregistered-dialect`).
    pub allow_unregistered: bool,
}

impl Default for Context {
    fn default() -> Self {
        Self::new()
    }
}

impl Context {
    /// A context with only the builtin types and attributes (no dialects).
    pub fn new() -> Self {
        Context {
            types: Interner::new(),
            attrs: Interner::new(),
            strings: Interner::new(),
            op_names: boxcar::Vec::new(),
            op_name_index: Mutex::new(FxHashMap::default()),
            dialects: Mutex::new(Vec::new()),
            files: boxcar::Vec::new(),
            allow_unregistered: false,
        }
    }

    // ---- strings ----

    pub fn symbol(&self, s: &str) -> Symbol {
        // Most symbols exist already: look up without allocating first.
        match self.strings.lookup(s) {
            Some(id) => Symbol(id),
            None => Symbol(self.strings.intern(s.into())),
        }
    }

    pub fn str(&self, s: Symbol) -> &str {
        self.strings.get(s.0)
    }

    /// The symbol for `s` if it was ever interned.
    pub fn existing_symbol(&self, s: &str) -> Option<Symbol> {
        self.strings.lookup(s).map(Symbol)
    }

    // ---- types and attributes ----

    pub fn intern_type(&self, data: TypeData) -> Type {
        Type(self.types.intern(data))
    }

    pub fn type_data(&self, ty: Type) -> &TypeData {
        self.types.get(ty.0)
    }

    pub fn intern_attr(&self, data: AttrData) -> Attribute {
        Attribute(self.attrs.intern(data))
    }

    pub fn attr_data(&self, attr: Attribute) -> &AttrData {
        self.attrs.get(attr.0)
    }

    // ---- dialects and op names ----

    /// Registers a dialect and all its ops. Registering the same dialect
    /// twice is harmless.
    pub fn register_dialect(&self, dialect: Dialect) {
        let mut dialects = self.dialects.lock().unwrap_or_else(|e| e.into_inner());
        if dialects.iter().any(|d| d.name == dialect.name) {
            return;
        }
        let dialect = Arc::new(dialect);
        for def in dialect.ops.iter() {
            let name = self.op_name(def.name);
            // A name first seen before registration keeps its id and gets
            // its definition now.
            let _ = self.op_names[name.0 as usize].definition.set(def.clone());
        }
        for entry in &dialect.interfaces {
            self.add_interface(entry.clone());
        }
        dialects.push(dialect);
    }

    /// The dialects registered so far, in registration order.
    pub fn dialects(&self) -> Vec<Arc<Dialect>> {
        self.dialects.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn dialect(&self, name: &str) -> Option<Arc<Dialect>> {
        self.dialects().into_iter().find(|d| d.name == name)
    }

    /// Interns an op name; unknown names are fine (unregistered ops).
    pub fn op_name(&self, name: &str) -> OpName {
        let sym = self.symbol(name);
        let mut index = self.op_name_index.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = index.get(&sym) {
            return OpName(id);
        }
        let id = self.op_names.push(OpNameInfo { name: sym, definition: OnceLock::new(), interfaces: Default::default() }) as u32;
        index.insert(sym, id);
        OpName(id)
    }

    pub fn op_name_info(&self, name: OpName) -> &OpNameInfo {
        &self.op_names[name.0 as usize]
    }

    pub fn op_name_str(&self, name: OpName) -> &str {
        self.str(self.op_names[name.0 as usize].name)
    }

    pub fn op_definition(&self, name: OpName) -> Option<&Arc<OpDefinition>> {
        self.op_names[name.0 as usize].definition.get()
    }

    // ---- source files ----

    pub fn add_source_file(&self, file: SourceFile) -> FileId {
        FileId(self.files.push(file) as u32)
    }

    pub fn source_file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The most recently loaded file named `name`.
    pub fn find_source_file(&self, name: &str) -> Option<FileId> {
        let count = self.files.count();
        (0..count).rev().find(|&i| self.files.get(i).is_some_and(|f| f.name == name)).map(|i| FileId(i as u32))
    }
}
