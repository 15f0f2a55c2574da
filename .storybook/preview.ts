import type { Preview } from '@storybook/web-components-vite';

// Stories set their language with a `lang` wrapper; the page default is Bokmål.
document.documentElement.lang = 'nb';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};
export default preview;
