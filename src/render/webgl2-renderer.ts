import type { DecodedFrame } from '../dicom/decoded-frame.js';
import type { DisplayPipeline } from './display-pipeline.js';
import type { LutTable } from './lut-data.js';
import type { Interpolation, Renderer } from './renderer.js';
import type { Affine } from './view-transform.js';
import { fragmentShader, vertexShader, type SamplerKind } from './webgl2-shaders.js';
import { textureFormatOf, uploadLut, uploadTiles, type Tile } from './webgl2-textures.js';

export interface Webgl2RendererOptions {
  /** Tile size cap below the GPU's MAX_TEXTURE_SIZE (tests force tiling with it). */
  readonly maxTextureSize?: number;
  /** Called once when the browser takes the context away; the renderer is dead afterwards. */
  readonly onContextLost?: () => void;
  /**
   * Called once when the browser gives a lost context back (the GPU recovered), even after
   * `destroy()`: the caller can leave its fallback and build a new WebGL2 renderer.
   */
  readonly onContextRestored?: () => void;
}

type Program = { program: WebGLProgram; uniforms: Map<string, WebGLUniformLocation | null> };

const VOI_MODE = { LINEAR: 0, LINEAR_EXACT: 1, SIGMOID: 2 } as const;

export class Webgl2Renderer implements Renderer {
  readonly kind = 'webgl2';
  pixelUploads = 0;
  private readonly programs = new Map<SamplerKind, Program>();
  private tiles: Tile[] = [];
  private sampler: SamplerKind = 'uint';
  private readonly quad: WebGLBuffer;
  private readonly vao: WebGLVertexArrayObject;
  private modalityLut: { table: LutTable; texture: WebGLTexture } | undefined;
  private voiLut: { table: LutTable; texture: WebGLTexture } | undefined;
  private readonly maxTextureSize: number;
  private lost = false;

  /** Undefined when the browser offers no WebGL2 here (the caller falls back to Canvas2D). */
  static create(
    canvas: HTMLCanvasElement,
    options: Webgl2RendererOptions = {},
  ): Webgl2Renderer | undefined {
    const gl = canvas.getContext('webgl2', {
      alpha: false,
      antialias: false,
      depth: false,
      premultipliedAlpha: false,
      // Keeps the last image readable (screenshots, readPixels in tests) after compositing.
      preserveDrawingBuffer: true,
    });
    if (!gl || gl.isContextLost()) return undefined;
    return new Webgl2Renderer(canvas, gl, options);
  }

  private constructor(
    readonly canvas: HTMLCanvasElement,
    private readonly gl: WebGL2RenderingContext,
    private readonly options: Webgl2RendererOptions,
  ) {
    const limit = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
    this.maxTextureSize = Math.min(limit, options.maxTextureSize ?? limit);
    this.quad = gl.createBuffer();
    this.vao = gl.createVertexArray();
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quad);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]), gl.STATIC_DRAW);
    canvas.addEventListener('webglcontextlost', this.handleContextLost);
  }

  get contextLost(): boolean {
    return this.lost;
  }

  setFrame(frame: DecodedFrame): void {
    if (this.lost) return;
    this.deleteTiles();
    this.sampler = textureFormatOf(this.gl, frame).sampler;
    this.tiles = uploadTiles(this.gl, frame, this.maxTextureSize);
    this.pixelUploads++;
  }

  /** Number of pixel textures the frame occupies (more than one when tiled). */
  get tileCount(): number {
    return this.tiles.length;
  }

  resize(width: number, height: number): void {
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.canvas.height !== height) this.canvas.height = height;
  }

  draw(pipeline: DisplayPipeline, m: Affine, interpolation: Interpolation): void {
    const gl = this.gl;
    if (this.lost || gl.isContextLost()) return;
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    if (this.tiles.length === 0) return;
    const { program, uniforms } = this.program(pipeline.color ? 'rgb' : this.sampler);
    const u = (name: string): WebGLUniformLocation | null => {
      if (!uniforms.has(name)) uniforms.set(name, gl.getUniformLocation(program, name));
      return uniforms.get(name) ?? null;
    };
    gl.useProgram(program);
    gl.bindVertexArray(this.vao);
    gl.uniformMatrix3fv(u('u_imageToDevice'), false, [m.a, m.b, 0, m.c, m.d, 0, m.e, m.f, 1]);
    gl.uniform2f(u('u_deviceSize'), this.canvas.width, this.canvas.height);
    gl.uniform1i(u('u_invert'), pipeline.invert ? 1 : 0);
    gl.uniform1i(u('u_linear'), interpolation === 'linear' ? 1 : 0);
    gl.uniform1i(u('u_pixels'), 0);
    gl.uniform1i(u('u_modalityLut'), 1);
    gl.uniform1i(u('u_voiLut'), 2);
    this.bindLuts(pipeline, u);
    gl.activeTexture(gl.TEXTURE0);
    for (const tile of this.tiles) {
      gl.bindTexture(gl.TEXTURE_2D, tile.texture);
      gl.uniform4f(u('u_tileRect'), tile.x, tile.y, tile.width, tile.height);
      gl.uniform2i(u('u_tileOrigin'), tile.textureX, tile.textureY);
      gl.uniform2i(u('u_tileSize'), tile.textureWidth, tile.textureHeight);
      gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    }
    gl.bindVertexArray(null);
  }

  private bindLuts(
    pipeline: DisplayPipeline,
    u: (name: string) => WebGLUniformLocation | null,
  ): void {
    const gl = this.gl;
    const { modality, voi } = pipeline;
    if (modality.kind === 'rescale') {
      gl.uniform1i(u('u_modalityMode'), 0);
      gl.uniform1f(u('u_slope'), modality.slope);
      gl.uniform1f(u('u_intercept'), modality.intercept);
    } else {
      this.modalityLut = this.lutTexture(this.modalityLut, modality.table);
      gl.uniform1i(u('u_modalityMode'), 1);
      gl.uniform1i(u('u_modalityFirst'), modality.table.firstMapped);
      gl.uniform1i(u('u_modalityLength'), modality.table.data.length);
    }
    gl.activeTexture(gl.TEXTURE1);
    gl.bindTexture(gl.TEXTURE_2D, this.modalityLut?.texture ?? null);
    if (voi.kind === 'window') {
      gl.uniform1i(u('u_voiMode'), VOI_MODE[voi.window.function]);
      gl.uniform1f(u('u_center'), voi.window.windowCenter);
      gl.uniform1f(u('u_width'), voi.window.windowWidth);
    } else {
      this.voiLut = this.lutTexture(this.voiLut, voi.table);
      gl.uniform1i(u('u_voiMode'), 3);
      gl.uniform1i(u('u_voiFirst'), voi.table.firstMapped);
      gl.uniform1i(u('u_voiLength'), voi.table.data.length);
      gl.uniform1f(u('u_voiMax'), 2 ** voi.table.bitsPerEntry - 1);
    }
    gl.activeTexture(gl.TEXTURE2);
    gl.bindTexture(gl.TEXTURE_2D, this.voiLut?.texture ?? null);
  }

  /** LUT textures are re-sent only when the table itself changes, never on a window change. */
  private lutTexture(
    current: { table: LutTable; texture: WebGLTexture } | undefined,
    table: LutTable,
  ): { table: LutTable; texture: WebGLTexture } {
    if (current?.table === table) return current;
    return { table, texture: uploadLut(this.gl, table.data, current?.texture ?? null) };
  }

  private program(kind: SamplerKind): Program {
    const existing = this.programs.get(kind);
    if (existing) return existing;
    const gl = this.gl;
    const program = gl.createProgram();
    for (const [type, source] of [
      [gl.VERTEX_SHADER, vertexShader],
      [gl.FRAGMENT_SHADER, fragmentShader(kind)],
    ] as const) {
      const shader = gl.createShader(type);
      if (!shader) throw new Error('WebGL2 could not create a shader');
      gl.shaderSource(shader, source);
      gl.compileShader(shader);
      if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
        throw new Error(`WebGL2 shader failed to compile: ${gl.getShaderInfoLog(shader) ?? ''}`);
      }
      gl.attachShader(program, shader);
      gl.deleteShader(shader);
    }
    gl.bindAttribLocation(program, 0, 'a_unit');
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
      throw new Error(`WebGL2 program failed to link: ${gl.getProgramInfoLog(program) ?? ''}`);
    }
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.quad);
    gl.enableVertexAttribArray(0);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, 0, 0);
    gl.bindVertexArray(null);
    const entry = { program, uniforms: new Map<string, WebGLUniformLocation | null>() };
    this.programs.set(kind, entry);
    return entry;
  }

  private deleteTiles(): void {
    for (const tile of this.tiles) this.gl.deleteTexture(tile.texture);
    this.tiles = [];
  }

  private readonly handleContextLost = (event: Event): void => {
    // Without preventDefault the browser never restores the context (WebGL 1.0 §5.15.2).
    event.preventDefault();
    this.lost = true;
    this.canvas.addEventListener('webglcontextrestored', this.handleContextRestored, {
      once: true,
    });
    this.options.onContextLost?.();
  };

  /**
   * This renderer's textures and programs died with the context; a new renderer is cheaper
   * to reason about than rebuilding them here. Free this context so it does not count
   * against the browser's cap on live contexts.
   */
  private readonly handleContextRestored = (): void => {
    this.gl.getExtension('WEBGL_lose_context')?.loseContext();
    this.options.onContextRestored?.();
  };

  destroy(): void {
    const gl = this.gl;
    this.canvas.removeEventListener('webglcontextlost', this.handleContextLost);
    if (!this.lost)
      this.canvas.removeEventListener('webglcontextrestored', this.handleContextRestored);
    if (!gl.isContextLost()) {
      this.deleteTiles();
      if (this.modalityLut) gl.deleteTexture(this.modalityLut.texture);
      if (this.voiLut) gl.deleteTexture(this.voiLut.texture);
      for (const { program } of this.programs.values()) gl.deleteProgram(program);
      gl.deleteBuffer(this.quad);
      gl.deleteVertexArray(this.vao);
      // Browsers cap live contexts (~16): release ours now rather than at garbage collection.
      gl.getExtension('WEBGL_lose_context')?.loseContext();
    }
    this.tiles = [];
    this.programs.clear();
    this.lost = true;
  }
}
