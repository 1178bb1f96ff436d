//! Op interfaces: behaviour that passes ask of an op without knowing which
//! op it is (the tiling interface, the structured-op interface of linalg).
//!
//! An interface is a Rust trait; an op implements it with a `'static` value
//! registered under the op's name, by its dialect
//! ([`Dialect::with_interface`](crate::Dialect::with_interface)) or later
//! from any crate ([`Context::attach_interface`]), as upstream's external
//! models do. A pass asks with [`Ir::interface`]:
//!
//! ```ignore
//! pub trait Tileable: Sync { fn loop_count(&self, ir: &Ir, op: OpId) -> usize; }
//! if let Some(tiling) = ir.interface::<dyn Tileable>(op) { ... }
//! ```

use std::any::{Any, TypeId};
use std::sync::Arc;

use crate::body::{Ir, OpId};
use crate::context::{Context, OpName};

/// One op's implementation of one interface, type-erased.
#[derive(Clone)]
pub struct InterfaceImpl {
    /// The op that implements it, `dialect.mnemonic`.
    pub op: &'static str,
    /// The interface's Rust name, for the reference.
    pub interface: &'static str,
    type_id: TypeId,
    /// Holds a `&'static I`.
    implementation: Arc<dyn Any + Send + Sync>,
}

impl InterfaceImpl {
    pub fn new<I: ?Sized + Sync + 'static>(op: &'static str, implementation: &'static I) -> Self {
        let interface = std::any::type_name::<I>();
        let interface = interface.rsplit("::").next().unwrap_or(interface);
        InterfaceImpl { op, interface, type_id: TypeId::of::<&'static I>(), implementation: Arc::new(implementation) }
    }

    fn get<I: ?Sized + 'static>(&self) -> Option<&'static I> {
        if self.type_id != TypeId::of::<&'static I>() {
            return None;
        }
        self.implementation.downcast_ref::<&'static I>().copied()
    }
}

/// The interfaces attached to one op name.
#[derive(Default)]
pub(crate) struct InterfaceTable(boxcar::Vec<InterfaceImpl>);

impl InterfaceTable {
    fn find<I: ?Sized + 'static>(&self) -> Option<&'static I> {
        self.0.iter().find_map(|(_, entry)| entry.get::<I>())
    }
}

impl Context {
    /// Makes `op` implement `I` (replacing nothing: the first registration wins).
    pub fn attach_interface<I: ?Sized + Sync + 'static>(&self, op: &'static str, implementation: &'static I) {
        self.add_interface(InterfaceImpl::new(op, implementation));
    }

    pub(crate) fn add_interface(&self, entry: InterfaceImpl) {
        let name = self.op_name(entry.op);
        self.op_name_info(name).interfaces.0.push(entry);
    }

    /// `name`'s implementation of `I`, if it has one.
    pub fn interface<I: ?Sized + 'static>(&self, name: OpName) -> Option<&'static I> {
        self.op_name_info(name).interfaces.find::<I>()
    }
}

impl Ir {
    /// `op`'s implementation of `I`, if it has one.
    pub fn interface<I: ?Sized + 'static>(&self, op: OpId) -> Option<&'static I> {
        self.ctx().interface::<I>(self.op(op).name)
    }
}
