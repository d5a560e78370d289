/* lab-api.js — the lab's C core (src/lab/lab.h) seen from JavaScript.
 *
 * lab-core.js is emlab's library and src/lab/ compiled to WebAssembly by
 * emscripten. This file only passes values across: every number the lab
 * shows is computed in C. Used by the page (lab.js) and by the tests under
 * node (tests/lab/trace.js), so both go through the same door.
 *
 * Steps and edits return '' when they worked, or the C core's sentence
 * saying why not. Arrays are copies, safe to keep.
 */
(function (root) {
    'use strict';

    /* em_init_kind, init.h */
    const INIT = {data: 0, dirichlet: 1, random: 2, 'kmeans++': 3};
    /* em_degeneracy, degenerate.h; the curve's marks, lab.h */
    const SOUND = 0, FEW_POINTS = 1, AT_FLOOR = 2;
    const FELL = 1, MOVED = 2, FLOOR = 4, RESTART = 8;

    class Lab {
        constructor(core) {
            this.M = core;
            this.p = core._lab_new();
            if (!this.p)
                throw new Error('out of memory');
            core.FS.mkdirTree('/lab');
        }

        /* The page's files live in the core's memory file system, under the
         * name the user gave them, so that messages name them. */
        static fileName(name) {
            return '/lab/' + (String(name).split(/[\\/]/).pop() || 'data.txt');
        }

        said(status) {
            return status === 0 ? '' : this.M.UTF8ToString(this.M._lab_error(this.p));
        }

        withString(s, fn) {
            const size = this.M.lengthBytesUTF8(s) + 1, p = this.M._malloc(size);
            this.M.stringToUTF8(s, p, size);
            try { return fn(p); } finally { this.M._free(p); }
        }

        withDoubles(values, fn) {
            const p = this.M._malloc(Math.max(1, values.length) * 8);
            this.M.HEAPF64.set(values, p / 8);
            try { return fn(p); } finally { this.M._free(p); }
        }

        doubles(ptr, count) {
            return ptr ? Array.from(this.M.HEAPF64.subarray(ptr / 8, ptr / 8 + count)) : [];
        }

        /* --- the data --- */
        setData(x, n, d) { return this.withDoubles(x, p => this.said(this.M._lab_set_data(this.p, p, n, d))); }
        addPoint(point) { return this.withDoubles(point, p => this.said(this.M._lab_add_point(this.p, p))); }
        removePoint(i) { return this.said(this.M._lab_remove_point(this.p, i)); }
        sample(n, d, K, seed) { return this.said(this.M._lab_sample(this.p, n, d, K, seed >>> 0)); }
        standardize() { return this.said(this.M._lab_standardize(this.p)); }
        loadText(name, text) {
            const path = Lab.fileName(name);
            this.M.FS.writeFile(path, text);
            const said = this.withString(path, p => this.said(this.M._lab_load_data(this.p, p)));
            this.M.FS.unlink(path);
            return said.split(path).join(path.slice(5)); /* "name:3: ..." */
        }
        saveText(what) {
            const path = '/lab/' + what + '.txt';
            const save = what === 'data' ? this.M._lab_save_data : this.M._lab_save_params;
            const said = this.withString(path, p => this.said(save(this.p, p)));
            if (said)
                return {text: null, error: said};
            const text = this.M.FS.readFile(path, {encoding: 'utf8'});
            this.M.FS.unlink(path);
            return {text, error: ''};
        }

        setFloor(reg) { return this.said(this.M._lab_set_floor(this.p, reg)); }
        get floorIsDefault() { return this.M._lab_floor_is_default(this.p) === 1; }
        get n() { return this.M._lab_n(this.p); }
        get d() { return this.M._lab_d(this.p); }
        get reg() { return this.M._lab_reg(this.p); }
        x() { return this.doubles(this.M._lab_x(this.p), this.n * this.d); }

        /* --- the model and its steps --- */
        start(K, how, seed, fixedWeights) {
            return this.said(this.M._lab_start(this.p, K, INIT[how], seed >>> 0, fixedWeights ? 1 : 0));
        }
        startText(name, text, fixedWeights) {
            const path = Lab.fileName(name);
            this.M.FS.writeFile(path, text);
            const said = this.withString(path, p =>
                this.said(this.M._lab_start_file(this.p, p, fixedWeights ? 1 : 0)));
            this.M.FS.unlink(path);
            return said.split(path).join(path.slice(5));
        }
        eStep() { return this.said(this.M._lab_e_step(this.p)); }
        mStep() { return this.said(this.M._lab_m_step(this.p)); }
        iterate() { return this.said(this.M._lab_iterate(this.p)); }
        back() { return this.M._lab_back(this.p) === 1; }
        moveMean(k, point) { return this.withDoubles(point, p => this.said(this.M._lab_move_mean(this.p, k, p))); }
        converged(tol) { return this.M._lab_converged(this.p, tol) === 1; }

        get K() { return this.M._lab_K(this.p); }
        get fixedWeights() { return this.M._lab_fixed_weights(this.p) === 1; }
        get t() { return this.M._lab_t(this.p); }
        get fresh() { return this.M._lab_fresh(this.p) === 1; }
        get loglik() { return this.M._lab_loglik(this.p); }
        get aic() { return this.M._lab_aic(this.p); }
        get bic() { return this.M._lab_bic(this.p); }
        get params() { return this.M._lab_params(this.p); }
        weights() { return this.doubles(this.M._lab_weight(this.p), this.K); }
        means() { return this.doubles(this.M._lab_mean(this.p), this.K * this.d); }
        covs() { return this.doubles(this.M._lab_cov(this.p), this.K * this.d * this.d); }
        resp() { return this.doubles(this.M._lab_resp(this.p), this.n * this.K); }
        /* gamma without copying, for drawing 10 000 points a frame: valid
         * until the next call into the core */
        respView() {
            const p = this.M._lab_resp(this.p);
            return this.M.HEAPF64.subarray(p / 8, p / 8 + this.n * this.K);
        }
        xView() {
            const p = this.M._lab_x(this.p);
            return this.M.HEAPF64.subarray(p / 8, p / 8 + this.n * this.d);
        }
        N(k) { return this.M._lab_N(this.p, k); }
        degenerate(k) { return this.M._lab_degenerate(this.p, k); }
        curve() {
            const c = [];
            for (let i = 0, len = this.M._lab_curve_len(this.p); i < len; i++)
                c.push({t: this.M._lab_curve_t(this.p, i), l: this.M._lab_curve_l(this.p, i),
                        mark: this.M._lab_curve_mark(this.p, i)});
            return c;
        }
        /* drawing: colours 0xRRGGBB as the figures have them */
        colour(k) { return this.M._lab_colour(k) >>> 0; }
        colours() {
            const p = this.M._malloc(Math.max(1, this.n) * 4);
            this.M._lab_colours(this.p, p);
            const c = this.M.HEAPU32.slice(p / 4, p / 4 + this.n);
            this.M._free(p);
            return c;
        }
        ellipse(k, c, m) {
            const p = this.M._malloc(2 * m * 8);
            const ok = this.M._lab_ellipse(this.p, k, c, m, p) === 0;
            const xy = ok ? this.doubles(p, 2 * m) : null;
            this.M._free(p);
            return xy;
        }
        /* pi_k N(x | mu_k, sigma_k^2) and p(x) at the points xs (1-D) */
        density1d(xs) {
            const K = this.K, m = xs.length;
            return this.withDoubles(xs, px => {
                const p = this.M._malloc(m * (K + 1) * 8);
                const ok = this.M._lab_density_1d(this.p, px, m, p, p + m * K * 8) === 0;
                const out = ok ? {comp: this.doubles(p, m * K), mix: this.doubles(p + m * K * 8, m)} : null;
                this.M._free(p);
                return out;
            });
        }
        get restarted() { return this.M._lab_restarted(this.p); }
        curves1d(lo, hi, npts) {
            const K = this.K, p = this.M._malloc(npts * (K + 2) * 8);
            const ok = this.M._lab_curves_1d(this.p, lo, hi, npts, p, p + npts * 8,
                                             p + npts * (K + 1) * 8) === 0;
            const out = ok ? {x: this.doubles(p, npts), comp: this.doubles(p + npts * 8, npts * K),
                              mix: this.doubles(p + npts * (K + 1) * 8, npts)} : null;
            this.M._free(p);
            return out;
        }
        whose() { return this.M.UTF8ToString(this.M._lab_whose()); }
    }

    const api = {Lab, INIT, SOUND, FEW_POINTS, AT_FLOOR, FELL, MOVED, FLOOR, RESTART};
    if (typeof module !== 'undefined' && module.exports)
        module.exports = api;
    else
        root.EmlabLab = api;
})(this);
