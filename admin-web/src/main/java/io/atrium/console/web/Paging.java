package io.atrium.console.web;

/**
 * Where a page of a console list stands (posts, materials, accounts, operations), for the pager fragment
 * ({@code content/nav :: pager}).
 *
 * @param offset the first row shown
 * @param size rows per page
 * @param total rows in the list
 */
public record Paging(int offset, int size, int total) {

	public boolean hasPrevious() {
		return this.offset > 0;
	}

	public boolean hasNext() {
		return this.offset + this.size < this.total;
	}

	public int previous() {
		return Math.max(0, this.offset - this.size);
	}

	public int next() {
		return this.offset + this.size;
	}

	public int page() {
		return this.offset / this.size + 1;
	}

	public int pages() {
		return Math.max(1, (this.total + this.size - 1) / this.size);
	}

}
