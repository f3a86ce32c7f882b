import { expect } from '@open-wc/testing';
import { SeriesRepository } from '../../src/session/series-repository.js';
import type { ThumbnailImage } from '../../src/session/thumbnail-image.js';
import { SeriesThumbnails } from '../../src/session/series-thumbnails.js';
import type { HistoryStudy } from '../../src/session/patient-history.js';
import { createViewerServices } from '../../src/context/viewer-services.js';
import type { FrameLoader } from '../../src/workers/frame-loader.js';
import type { PreviewFrame } from '../../src/dicom/preview-frame.js';
import { STATIC, manifest, studySeries, value } from './viewer-harness.js';

describe('Study browser thumbnails of images larger than maxPixels', () => {
  it('come from a reduced-resolution JPEG 2000 decode, never a full one', async () => {
    const demo = await manifest();
    const study = demo.studies.currentMg.studyInstanceUid;
    const [series] = await studySeries(STATIC, study);
    if (!series) throw new Error('no mammography series');
    const rows = Number(value(series.instances[0]!, '00280010'));
    const columns = Number(value(series.instances[0]!, '00280011'));
    const services = createViewerServices({ server: STATIC, cacheMode: 'none', decodeWorkers: 1 });
    const repository = new SeriesRepository(services, { patientId: demo.patient.patientId });
    const fullDecodes: string[] = [];
    const frameLoader: FrameLoader = {
      load: (dataset) => {
        fullDecodes.push(dataset.string(0x00080018) ?? '');
        return Promise.reject(new Error('a full decode was asked for'));
      },
    };
    const previews: PreviewFrame[] = [];
    const decodePreview = services.pool.decodePreview.bind(services.pool);
    services.pool.decodePreview = async (request, options) => {
      const frame = await decodePreview(request, options);
      previews.push(frame);
      return frame;
    };
    // The demo's mammograms are small; a budget of 100² makes them "large" here, as a
    // 3328 × 2560 mammogram is against the default 1024².
    const maxPixels = 100 * 100;
    const history: HistoryStudy = {
      studyInstanceUid: study,
      studyDate: undefined,
      studyTime: undefined,
      studyDescription: undefined,
      accessionNumber: undefined,
      modalities: ['MG'],
      patientId: demo.patient.patientId,
      series: [
        {
          seriesInstanceUid: series.seriesInstanceUid,
          modality: 'MG',
          seriesDescription: undefined,
          seriesNumber: undefined,
          bodyPartExamined: undefined,
          instanceCount: series.instances.length,
        },
      ],
    };
    try {
      const image = await new Promise<ThumbnailImage>((resolve) => {
        new SeriesThumbnails({
          repository,
          frameLoader,
          pool: services.pool,
          maxPixels,
          history: [history],
          currentStudyInstanceUid: study,
          onThumbnail: (_, drawn) => {
            resolve(drawn);
          },
        });
      });
      expect(fullDecodes).to.deep.equal([]);
      expect(previews).to.have.length(1);
      const [preview] = previews;
      // log4(pixels / maxPixels) levels down, rounded up: the smallest level that fits.
      const level = Math.ceil(Math.log2((rows * columns) / maxPixels) / 2);
      expect(preview?.resolutionLevel).to.equal(level);
      expect([preview?.rows, preview?.columns]).to.deep.equal([
        Math.ceil(rows / 2 ** level),
        Math.ceil(columns / 2 ** level),
      ]);
      expect((preview?.rows ?? Infinity) * (preview?.columns ?? Infinity)).to.be.at.most(maxPixels);
      // A picture, not a blank: the stretch spans the grey range.
      const greys = [...image.rgba].filter((_, i) => i % 4 === 0);
      expect(Math.max(...greys) - Math.min(...greys)).to.be.greaterThan(100);
      expect(Math.max(image.width, image.height)).to.equal(64);
    } finally {
      repository.dispose();
      await services.dispose();
    }
  });
});
