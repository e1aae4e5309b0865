// QR codes drawn as SVG, for the answer codes of self-assessment forms (forms.js).
// Byte mode, error correction level M, versions 1–10 (up to 213 bytes), after ISO/IEC 18004.
// Written for trappa so nothing comes from elsewhere; tests/forms.rs checks it against the
// fast_qr crate module by module.
(function () {
  "use strict";

  // Level M, per version 1–10: [error-correction codewords per block, blocks in group 1,
  // data codewords per group-1 block, blocks in group 2 (one data codeword more each)].
  var BLOCKS = [null, [10, 1, 16, 0], [16, 1, 28, 0], [26, 1, 44, 0], [18, 2, 32, 0], [24, 2, 43, 0],
    [16, 4, 27, 0], [18, 4, 31, 0], [22, 2, 38, 2], [22, 3, 36, 2], [26, 4, 43, 1]];
  // Centres of the alignment patterns, per version.
  var ALIGNMENT = [null, [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42],
    [6, 26, 46], [6, 28, 50]];
  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0; },
    function (x, y) { return (x * y) % 2 + (x * y) % 3 === 0; },
    function (x, y) { return ((x * y) % 2 + (x * y) % 3) % 2 === 0; },
    function (x, y) { return ((x + y) % 2 + (x * y) % 3) % 2 === 0; }
  ];

  // Arithmetic in GF(256) over the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
  var EXP = [], LOG = [];
  for (var i = 0, x = 1; i < 255; i++) {
    EXP[i] = EXP[i + 255] = x;
    LOG[x] = i;
    x = (x << 1) ^ (x & 128 ? 0x11d : 0);
  }
  function multiply(a, b) {
    return a && b ? EXP[LOG[a] + LOG[b]] : 0;
  }

  // Reed–Solomon error-correction codewords of `data`.
  function errorCorrection(data, count) {
    var generator = [1];
    for (var i = 0; i < count; i++) {
      var next = generator.concat(0);
      for (var j = 0; j < generator.length; j++) next[j + 1] ^= multiply(generator[j], EXP[i]);
      generator = next;
    }
    var rest = new Array(count).fill(0);
    data.forEach(function (word) {
      var factor = word ^ rest.shift();
      rest.push(0);
      for (var k = 0; k < count; k++) rest[k] ^= multiply(generator[k + 1], factor);
    });
    return rest;
  }

  function dataCapacity(version) {
    var b = BLOCKS[version];
    return b[1] * b[2] + b[3] * (b[2] + 1);
  }

  function countBits(version) {
    return version < 10 ? 8 : 16;
  }

  // The data codewords: byte-mode header, the bytes, terminator and padding.
  function dataCodewords(bytes, version) {
    var capacity = dataCapacity(version), bits = [];
    function put(value, length) {
      for (var i = length - 1; i >= 0; i--) bits.push((value >>> i) & 1);
    }
    put(4, 4);
    put(bytes.length, countBits(version));
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity * 8 - bits.length));
    while (bits.length % 8) bits.push(0);
    var words = [];
    for (var i = 0; i < bits.length; i += 8) words.push(parseInt(bits.slice(i, i + 8).join(""), 2));
    for (var pad = 0xec; words.length < capacity; pad ^= 0xec ^ 0x11) words.push(pad);
    return words;
  }

  // Data and error-correction codewords, split into blocks and interleaved.
  function codewords(data, version) {
    var b = BLOCKS[version], blocks = [], at = 0;
    for (var n = 0; n < b[1] + b[3]; n++) {
      var block = data.slice(at, at += b[2] + (n < b[1] ? 0 : 1));
      blocks.push({ data: block, ec: errorCorrection(block, b[0]) });
    }
    var out = [];
    for (var i = 0; i <= b[2]; i++) blocks.forEach(function (bl) { if (i < bl.data.length) out.push(bl.data[i]); });
    for (i = 0; i < b[0]; i++) blocks.forEach(function (bl) { out.push(bl.ec[i]); });
    return out;
  }

  function Matrix(version) {
    this.version = version;
    this.size = version * 4 + 17;
    this.dark = [];
    this.reserved = [];
    for (var i = 0; i < this.size * this.size; i++) {
      this.dark.push(false);
      this.reserved.push(false);
    }
  }
  Matrix.prototype.isDark = function (x, y) {
    return this.dark[y * this.size + x];
  };
  Matrix.prototype.setFunction = function (x, y, dark) {
    this.dark[y * this.size + x] = dark;
    this.reserved[y * this.size + x] = true;
  };

  Matrix.prototype.drawFunctionPatterns = function () {
    var size = this.size, self = this;
    for (var i = 0; i < size; i++) {
      this.setFunction(6, i, i % 2 === 0);
      this.setFunction(i, 6, i % 2 === 0);
    }
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var x = c[0] + dx, y = c[1] + dy, ring = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) self.setFunction(x, y, ring !== 2 && ring !== 4);
        }
      }
    });
    var centres = ALIGNMENT[this.version], last = centres.length - 1;
    centres.forEach(function (cx, i) {
      centres.forEach(function (cy, j) {
        if ((i === 0 && j === 0) || (i === 0 && j === last) || (i === last && j === 0)) return; // finders
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) self.setFunction(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      });
    });
    this.drawFormat(0); // reserves the format areas; redrawn once the mask is chosen
    if (this.version >= 7) {
      var rest = this.version;
      for (i = 0; i < 12; i++) rest = (rest << 1) ^ ((rest >>> 11) * 0x1f25);
      var bits = (this.version << 12) | rest;
      for (i = 0; i < 18; i++) {
        var bit = ((bits >>> i) & 1) === 1, a = size - 11 + (i % 3), b = Math.floor(i / 3);
        this.setFunction(a, b, bit);
        this.setFunction(b, a, bit);
      }
    }
  };

  // Format information: level M (00) and the mask, BCH-protected, in both copies.
  Matrix.prototype.drawFormat = function (mask) {
    var size = this.size, data = mask, rest = data;
    for (var i = 0; i < 10; i++) rest = (rest << 1) ^ ((rest >>> 9) * 0x537);
    var bits = ((data << 10) | rest) ^ 0x5412;
    function bit(i) { return ((bits >>> i) & 1) === 1; }
    for (i = 0; i <= 5; i++) this.setFunction(8, i, bit(i));
    this.setFunction(8, 7, bit(6));
    this.setFunction(8, 8, bit(7));
    this.setFunction(7, 8, bit(8));
    for (i = 9; i < 15; i++) this.setFunction(14 - i, 8, bit(i));
    for (i = 0; i < 8; i++) this.setFunction(size - 1 - i, 8, bit(i));
    for (i = 8; i < 15; i++) this.setFunction(8, size - 15 + i, bit(i));
    this.setFunction(8, size - 8, true);
  };

  // Places the codewords in the two-column zigzag from the bottom right.
  Matrix.prototype.drawCodewords = function (words) {
    var size = this.size, bit = 0;
    for (var right = size - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5; // the vertical timing pattern
      for (var step = 0; step < size; step++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j, upward = ((right + 1) & 2) === 0, y = upward ? size - 1 - step : step;
          if (!this.reserved[y * size + x] && bit < words.length * 8) {
            this.dark[y * size + x] = ((words[bit >>> 3] >>> (7 - (bit & 7))) & 1) === 1;
            bit++;
          }
        }
      }
    }
  };

  Matrix.prototype.applyMask = function (mask) {
    for (var y = 0; y < this.size; y++) {
      for (var x = 0; x < this.size; x++) {
        if (!this.reserved[y * this.size + x] && MASKS[mask](x, y)) this.dark[y * this.size + x] = !this.dark[y * this.size + x];
      }
    }
  };

  // The standard's penalty for a masked symbol: long runs, 2×2 blocks, finder look-alikes
  // (with four light modules on one side, the border counting as light) and imbalance.
  Matrix.prototype.penalty = function () {
    var size = this.size, self = this, score = 0, darkCount = 0;
    function line(get) {
      var run = 0;
      for (var i = 0; i < size; i++) {
        run = i > 0 && get(i) === get(i - 1) ? run + 1 : 1;
        if (run === 5) score += 3;
        else if (run > 5) score += 1;
      }
      function light(from, to) {
        for (var k = from; k < to; k++) if (k >= 0 && k < size && get(k)) return false;
        return true;
      }
      for (var s = 0; s + 7 <= size; s++) {
        var finder = get(s) && !get(s + 1) && get(s + 2) && get(s + 3) && get(s + 4) && !get(s + 5) && get(s + 6);
        if (finder && (light(s - 4, s) || light(s + 7, s + 11))) score += 40;
      }
    }
    for (var n = 0; n < size; n++) {
      line(function (i) { return self.isDark(i, n); });
      line(function (i) { return self.isDark(n, i); });
    }
    for (var y = 0; y < size; y++) {
      for (var x = 0; x < size; x++) {
        var c = this.isDark(x, y);
        if (c) darkCount++;
        if (x + 1 < size && y + 1 < size && c === this.isDark(x + 1, y) && c === this.isDark(x, y + 1) && c === this.isDark(x + 1, y + 1)) score += 3;
      }
    }
    return score + Math.floor(Math.abs(darkCount * 100 / (size * size) - 50) / 5) * 10;
  };

  // The symbol for `text` (UTF-8, byte mode, level M) in the smallest version that holds it,
  // with the given mask or the one of least penalty.
  function encode(text, mask) {
    var bytes = Array.from(new TextEncoder().encode(text)), version = 1;
    while (version <= 10 && 4 + countBits(version) + bytes.length * 8 > dataCapacity(version) * 8) version++;
    if (version > 10) throw new RangeError("too long for a QR code of version 10: " + bytes.length + " bytes");
    var symbol = new Matrix(version);
    symbol.drawFunctionPatterns();
    symbol.drawCodewords(codewords(dataCodewords(bytes, version), version));
    var chosen = mask;
    if (chosen === undefined) {
      var best = Infinity;
      for (var m = 0; m < 8; m++) {
        symbol.applyMask(m);
        symbol.drawFormat(m);
        var penalty = symbol.penalty();
        if (penalty < best) {
          best = penalty;
          chosen = m;
        }
        symbol.applyMask(m); // undo
      }
    }
    symbol.applyMask(chosen);
    symbol.drawFormat(chosen);
    return { version: version, size: symbol.size, mask: chosen, isDark: symbol.isDark.bind(symbol) };
  }

  // An <svg> of the code with a quiet zone of four modules, dark runs of a row as one path.
  function svg(text, label) {
    var code = encode(text), path = "", side = code.size + 8;
    for (var y = 0; y < code.size; y++) {
      for (var x = 0; x < code.size; x++) {
        if (!code.isDark(x, y)) continue;
        var start = x;
        while (x + 1 < code.size && code.isDark(x + 1, y)) x++;
        path += "M" + (start + 4) + " " + (y + 4) + "h" + (x - start + 1) + "v1h-" + (x - start + 1) + "z";
      }
    }
    var svgElement = window.trappaHelpers.svgElement;
    var root = svgElement("svg"), background = svgElement("rect"), modules = svgElement("path");
    root.setAttribute("viewBox", "0 0 " + side + " " + side);
    root.setAttribute("class", "qr-code");
    root.setAttribute("role", "img");
    root.setAttribute("aria-label", label);
    root.setAttribute("shape-rendering", "crispEdges");
    background.setAttribute("width", side);
    background.setAttribute("height", side);
    background.setAttribute("fill", "#fff");
    modules.setAttribute("d", path);
    modules.setAttribute("fill", "#000");
    root.appendChild(background);
    root.appendChild(modules);
    return root;
  }

  window.trappaQr = { encode: encode, svg: svg };
})();
