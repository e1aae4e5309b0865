//! The typed places of pages and sections in the content tree, so that a section's place
//! cannot index the pages (nor a page's place the sections), and every table kept beside
//! the pages is indexed by a page's id alone.

use std::ops::{Index, IndexMut};

use rayon::prelude::*;

use super::Section;

/// A page's place in [`super::Content::pages`] and in every [`PerPage`] table beside it
/// (serialized as that number: the book's design names pages by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct PageId(usize);

/// A section's place in [`super::Content::sections`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SectionId(pub(super) usize);

impl SectionId {
    /// The place in `Content::sections`, for a table kept beside it.
    pub fn index(self) -> usize {
        self.0
    }
}

impl Index<SectionId> for Vec<Section> {
    type Output = Section;
    fn index(&self, id: SectionId) -> &Section {
        &self[id.0]
    }
}

impl IndexMut<SectionId> for Vec<Section> {
    fn index_mut(&mut self, id: SectionId) -> &mut Section {
        &mut self[id.0]
    }
}

/// One value for each page, in the order of `Content::pages`: the pages themselves, and
/// what each stage makes of them (bodies, HTML, search text). Indexed by [`PageId`] only;
/// there is no way in by a bare number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPage<T>(Vec<T>);

impl<T> Default for PerPage<T> {
    fn default() -> Self {
        PerPage(Vec::new())
    }
}

impl<T> PerPage<T> {
    pub fn with_capacity(capacity: usize) -> Self {
        PerPage(Vec::with_capacity(capacity))
    }

    /// Adds the next page's value and says which page it is.
    pub fn push(&mut self, value: T) -> PageId {
        self.0.push(value);
        PageId(self.0.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Every page's id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = PageId> + ExactSizeIterator + use<T> {
        (0..self.0.len()).map(PageId)
    }

    /// Every page's id, in order, for work spread over the threads.
    pub fn par_ids(&self) -> impl IndexedParallelIterator<Item = PageId> + use<T> {
        (0..self.0.len()).into_par_iter().map(PageId)
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    /// Each page's id with its value.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (PageId, &T)> + ExactSizeIterator {
        self.0.iter().enumerate().map(|(i, value)| (PageId(i), value))
    }
}

impl<T> Index<PageId> for PerPage<T> {
    type Output = T;
    fn index(&self, id: PageId) -> &T {
        &self.0[id.0]
    }
}

impl<T> IndexMut<PageId> for PerPage<T> {
    fn index_mut(&mut self, id: PageId) -> &mut T {
        &mut self.0[id.0]
    }
}

impl PageId {
    /// Its place among the pages, as a number (the book's design names pages by it).
    pub fn number(self) -> usize {
        self.0
    }

    /// The `n`-th page, for tests that make a `Content` by hand.
    #[cfg(test)]
    pub const fn at(n: usize) -> PageId {
        PageId(n)
    }
}

impl<T> From<Vec<T>> for PerPage<T> {
    fn from(values: Vec<T>) -> Self {
        PerPage(values)
    }
}

impl<T> FromIterator<T> for PerPage<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        PerPage(iter.into_iter().collect())
    }
}

impl<T> IntoIterator for PerPage<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a PerPage<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_read_by_the_ids_it_gave() {
        let mut table = PerPage::default();
        let a = table.push("a");
        let b = table.push("b");
        assert_eq!((table[a], table[b]), ("a", "b"));
        assert_eq!(table.ids().collect::<Vec<_>>(), [a, b]);
        assert_eq!(table.enumerate().map(|(id, v)| (id, *v)).collect::<Vec<_>>(), [(a, "a"), (b, "b")]);
        let lengths: Vec<(PageId, usize)> = table.par_ids().map(|id| (id, table[id].len())).collect();
        assert_eq!(lengths[1], (b, 1));
    }
}
