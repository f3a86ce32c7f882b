/**
 * GLSL for the WebGL2 path. Stored values stay integers on the GPU (R8/R16/R32 integer
 * textures read with texelFetch: SwiftShader and many GPUs lack EXT_texture_norm16), and
 * the whole PS3.4 grayscale chain runs here, so changing the window only changes uniforms.
 */
export type SamplerKind = 'uint' | 'int' | 'float' | 'rgb';

export const vertexShader = `#version 300 es
in vec2 a_unit;
uniform vec4 u_tileRect;    // x, y, width, height in image pixels
uniform mat3 u_imageToDevice;
uniform vec2 u_deviceSize;
out vec2 v_image;
void main() {
  vec2 image = u_tileRect.xy + a_unit * u_tileRect.zw;
  vec2 device = (u_imageToDevice * vec3(image, 1.0)).xy;
  vec2 clip = device / u_deviceSize * 2.0 - 1.0;
  gl_Position = vec4(clip.x, -clip.y, 0.0, 1.0);
  v_image = image;
}`;

const samplerType: Record<SamplerKind, string> = {
  uint: 'usampler2D',
  int: 'isampler2D',
  float: 'sampler2D',
  rgb: 'sampler2D',
};

export function fragmentShader(kind: SamplerKind): string {
  // Linear interpolation mixes modality values (after the Modality LUT, before VOI), so a
  // zoomed image is smooth without inventing grey levels the window would not give.
  const body =
    kind === 'rgb'
      ? `vec3 rgb;
  if (u_linear) {
    rgb = mix(mix(texel(i).rgb, texel(i + ivec2(1, 0)).rgb, f.x), mix(texel(i + ivec2(0, 1)).rgb, texel(i + ivec2(1, 1)).rgb, f.x), f.y);
  } else {
    rgb = texel(p).rgb;
  }
  outColor = vec4(u_invert ? 1.0 - rgb : rgb, 1.0);`
      : `float m;
  if (u_linear) {
    m = mix(mix(modality(texel(i).r), modality(texel(i + ivec2(1, 0)).r), f.x),
            mix(modality(texel(i + ivec2(0, 1)).r), modality(texel(i + ivec2(1, 1)).r), f.x), f.y);
  } else {
    m = modality(texel(p).r);
  }
  float y = clamp(voi(m), 0.0, 1.0);
  outColor = vec4(vec3(u_invert ? 1.0 - y : y), 1.0);`;
  return `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
precision highp usampler2D;
precision highp isampler2D;
uniform ${samplerType[kind]} u_pixels;
uniform ivec2 u_tileOrigin;   // image position of this tile's texture (apron included)
uniform ivec2 u_tileSize;     // texture size: clamping to it clamps at the image edge only
uniform sampler2D u_modalityLut;
uniform int u_modalityMode;   // 0 rescale, 1 table (PS3.3 C.11.1)
uniform float u_slope;
uniform float u_intercept;
uniform int u_modalityFirst;
uniform int u_modalityLength;
uniform sampler2D u_voiLut;
uniform int u_voiMode;        // 0 LINEAR, 1 LINEAR_EXACT, 2 SIGMOID, 3 table (PS3.3 C.11.2)
uniform float u_center;
uniform float u_width;
uniform int u_voiFirst;
uniform int u_voiLength;
uniform float u_voiMax;
uniform bool u_invert;
uniform bool u_linear;
in vec2 v_image;
out vec4 outColor;

float lut(sampler2D table, int index) {
  return texelFetch(table, ivec2(index % ${LUT_TEXTURE_WIDTH}, index / ${LUT_TEXTURE_WIDTH}), 0).r;
}

float modality(float stored) {
  if (u_modalityMode == 0) return stored * u_slope + u_intercept;
  return lut(u_modalityLut, clamp(int(round(stored)) - u_modalityFirst, 0, u_modalityLength - 1));
}

float voi(float x) {
  float c = u_center;
  float w = u_width;
  if (u_voiMode == 0) {
    if (x <= c - 0.5 - (w - 1.0) / 2.0) return 0.0;
    if (x > c - 0.5 + (w - 1.0) / 2.0) return 1.0;
    return (x - (c - 0.5)) / (w - 1.0) + 0.5;
  }
  if (u_voiMode == 1) {
    if (x <= c - w / 2.0) return 0.0;
    if (x > c + w / 2.0) return 1.0;
    return (x - c) / w + 0.5;
  }
  if (u_voiMode == 2) return 1.0 / (1.0 + exp(-4.0 * (x - c) / w));
  return lut(u_voiLut, clamp(int(round(x)) - u_voiFirst, 0, u_voiLength - 1)) / u_voiMax;
}

vec4 texel(ivec2 q) {
  return vec4(texelFetch(u_pixels, clamp(q, ivec2(0), u_tileSize - 1), 0));
}

void main() {
  ivec2 p = ivec2(floor(v_image)) - u_tileOrigin;
  vec2 q = v_image - 0.5 - vec2(u_tileOrigin);
  ivec2 i = ivec2(floor(q));
  vec2 f = q - floor(q);
  ${body}
}`;
}

/** LUTs of up to 65536 entries are stored as 2D R32F textures this wide. */
export const LUT_TEXTURE_WIDTH = 4096;
